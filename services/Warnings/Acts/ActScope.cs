using Fenghuo.Contracts;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Warnings.Data;
using Fenghuo.Warnings.Domain;
using Fenghuo.Warnings.Domain.Cap;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;

namespace Fenghuo.Warnings.Acts;

/// <summary>One act on one locked warning, under the rules of the issuing plan version pinned to it.</summary>
public sealed class ActScope(
    DbSession session, Warning warning, PlanTerms plan, WarningCaller caller, DateTimeOffset now,
    WarningStore store, Outbox outbox, TenantDirectory directory, CancellationToken ct)
{
    public DbSession Session => session;

    /// <summary>The warning as this act has left it so far.</summary>
    public Warning Warning { get; private set; } = warning;

    /// <summary>The issuing plan's terms, pinned to the warning.</summary>
    public PlanTerms Plan => plan;

    public WarningCaller Caller => caller;

    public WarningStore Store => store;

    public DateTimeOffset Now => now;

    public CancellationToken Cancellation => ct;

    /// <summary>
    /// Whether the lifecycle lets the caller do this act now: the right tenant, a role the act (or
    /// the issuing plan) takes, a state it may happen in. Null when permitted, otherwise the refusal.
    /// </summary>
    public async Task<ActOutcome?> PermitAsync(ActRule rule)
    {
        if (rule.By == ActingTenant.Issuer && caller.TenantCode != Warning.TenantCode)
        {
            return ActOutcome.Refused(Refusal.NotIssuer(Warning.TenantCode, await NameOfAsync(Warning.TenantCode), rule.Zh, rule.En));
        }
        if (rule.By == ActingTenant.Receiver && caller.TenantCode == Warning.TenantCode)
        {
            return ActOutcome.Refused(Refusal.NotReached(rule.Zh, rule.En));
        }
        var roles = rule.Roles ?? plan.Scheme.Issuance.ApproverRoles;
        if (!caller.HasAny(roles))
        {
            return ActOutcome.Refused(Refusal.RoleNotAllowed(roles.ToList(), rule.Zh, rule.En));
        }
        var state = Warning.Status;
        // Past its expiry a warning is over even if the scheduler has not marked it yet.
        if (state.IsInForce() && Warning.Expires <= now)
        {
            state = WarningState.Expired;
        }
        return rule.From.Contains(state) ? null : ActOutcome.Refused(Refusal.InvalidState(state, rule.Zh, rule.En));
    }

    public async Task<string> NameOfAsync(string tenant) => (await directory.FindAsync(tenant, ct))?.Name ?? tenant;

    public Task<IReadOnlyList<TenantEntry>> TenantsAsync() => directory.ListAsync(ct);

    public Task SaveAsync(Warning changed)
    {
        Warning = changed;
        return store.SaveAsync(session, changed, now);
    }

    /// <summary>Records the act; an act that publishes a CAP message passes its type and the event id as its identifier.</summary>
    public Task RecordAsync(string act, string summary, string? reason = null, CapMessageType? published = null, Guid? eventId = null) =>
        store.AddHistoryAsync(session, new HistoryRow
        {
            WarningId = Warning.Id, At = now.UtcDateTime, Act = act, Actor = caller.Actor, ActorTenant = caller.TenantCode,
            Level = Warning.Level, Summary = summary, Reason = reason,
            CapIdentifier = published is null ? null : $"urn:uuid:{eventId}",
            CapMessageType = published is { } type ? EnumLabel.Of(type) : null,
        });

    /// <summary>Stamps the event's header from this act (time, the issuing tenant, the warning) and writes it to the outbox.</summary>
    public Task PublishAsync(WarningEvent message) => outbox.EnqueueAsync(session, message with
    {
        OccurredAt = now,
        TenantCode = Warning.TenantCode,
        TenantPath = Warning.TenantPath,
        WarningId = Warning.Id,
        Number = Warning.Number,
    });
}
