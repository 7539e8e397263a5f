using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Exercises.Data;
using Fenghuo.Exercises.Domain;

namespace Fenghuo.Exercises.Acts;

/// <summary>One act on one locked exercise.</summary>
public sealed class ActScope(
    DbSession session, Exercise exercise, TenantContext caller, DateTimeOffset now,
    ExerciseStore store, Outbox outbox, TenantDirectory directory, CancellationToken ct)
{
    public DbSession Session => session;

    /// <summary>The exercise as this act has left it so far.</summary>
    public Exercise Exercise { get; private set; } = exercise;

    public TenantContext Caller => caller;

    public string CallerTenant => caller.TenantCode!;

    public string Actor => caller.Actor;

    public ExerciseStore Store => store;

    public DateTimeOffset Now => now;

    public CancellationToken Cancellation => ct;

    /// <summary>
    /// Whether the lifecycle lets the caller do this act now: the right tenant, a role the act takes,
    /// a state it may happen in. Null when permitted, otherwise the refusal.
    /// </summary>
    public async Task<ActOutcome?> PermitAsync(ActRule rule, string? target)
    {
        if (rule.By == ActingTenant.Organiser && CallerTenant != Exercise.TenantCode)
        {
            return ActOutcome.Refused(Refusal.NotOrganiser(await NameOfAsync(Exercise.TenantCode), rule.Zh, rule.En));
        }
        if (rule.By == ActingTenant.Target && CallerTenant != target)
        {
            return ActOutcome.Refused(Refusal.NotTarget(rule.Zh, rule.En));
        }
        if (!rule.Roles.Any(caller.IsInRole))
        {
            return ActOutcome.Refused(Refusal.RoleNotAllowed(rule.Roles, rule.Zh, rule.En));
        }
        return rule.From.Contains(Exercise.State) ? null : ActOutcome.Refused(Refusal.InvalidState(Exercise.State, rule));
    }

    public async Task<string> NameOfAsync(string tenant) => (await directory.FindAsync(tenant, ct))?.Name ?? tenant;

    public Task<TenantEntry?> TenantAsync(string tenant) => directory.FindAsync(tenant, ct);

    public Task SaveAsync(Exercise changed)
    {
        Exercise = changed;
        return store.SaveAsync(session, changed, now);
    }

    public Task RecordAsync(string act, string summary) =>
        store.AddHistoryAsync(session, new HistoryRow
        {
            ExerciseId = Exercise.Id, At = now, Act = act, Actor = Actor, ActorTenant = CallerTenant, Summary = summary,
        });

    /// <summary>Stamps the event's header from this act (time, the organiser, the exercise) and writes it to the outbox.</summary>
    public Task PublishAsync(ExerciseEvent message) => outbox.EnqueueAsync(session, message with
    {
        OccurredAt = now,
        TenantCode = Exercise.TenantCode,
        TenantPath = Exercise.TenantPath,
        ExerciseId = Exercise.Id,
        Title = Exercise.Title,
    });
}
