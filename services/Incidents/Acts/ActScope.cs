using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Http;
using Npgsql;

namespace Fenghuo.Incidents.Acts;

/// <summary>
/// One act on one locked incident, under the rules of the plan version pinned to it. The act's writes
/// are deferred: they reach the database together, in one round trip with the audit entry, the
/// re-read of the record the act answers with and the commit, or earlier with a read that must see them
/// (<see cref="SessionAsync"/>). A refused act's deferred writes are never sent. The act numbers its entries on
/// from the count the lock read (<paramref name="recorded"/>), and its answer carries those entries as written,
/// reading only the entries recorded before it that the caller has not seen (<paramref name="seen"/>, see <see cref="AnswerPage"/>).
/// </summary>
public sealed class ActScope(
    DbSession session, Incident incident, int recorded, int? seen, PlanRules plan, TenantContext caller, DateTimeOffset now,
    IncidentStore store, TenantDirectory directory, CancellationToken ct)
{
    private readonly List<NpgsqlBatchCommand> deferred = [];

    private readonly List<TimelineRow> written = [];

    /// <summary>The act's session for a statement sent now, after the writes deferred so far, so it sees them.</summary>
    public async Task<DbSession> SessionAsync()
    {
        if (deferred.Count > 0)
        {
            await using var batch = new NpgsqlBatch(session.Connection, session.Transaction);
            foreach (var command in deferred)
            {
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
            deferred.Clear();
        }
        return session;
    }

    /// <summary>
    /// The record as the act has left it, read in the round trip that sends its deferred writes; with the act's
    /// <paramref name="audit"/> entry, the last round trip of the act: the audit entry is the last write, and the
    /// commit follows the reads.
    /// </summary>
    internal async Task<IncidentRecord> LoadAsync(AuditEntry? audit = null)
    {
        if (audit is not null)
        {
            deferred.Add(AuditTrail.AppendCommand(audit));
        }
        var record = await store.LoadAsync(session, Incident.Id, [.. deferred], new AnswerPage(recorded, [.. written], seen),
            audit is null ? null : TenantDatabase.CommitCommand());
        deferred.Clear();
        return record!;
    }

    /// <summary>The incident as this act has left it so far.</summary>
    public Incident Incident { get; private set; } = incident;

    public PlanRules Plan => plan;

    public TenantContext Caller => caller;

    public string CallerTenant => caller.TenantCode!;

    public string Actor => caller.Actor;

    public DateTimeOffset Now => now;

    public CancellationToken Cancellation => ct;

    /// <summary>
    /// Whether the lifecycle lets the caller do this act now: the right tenant of the chain, a role
    /// the act takes, a state it may happen in, and where the plan names the roles per response
    /// level, a level of the plan and a role it names for it. Null when permitted, otherwise the refusal.
    /// </summary>
    internal async Task<ActOutcome?> PermitAsync(ActRule rule, string? askedTenant, string? levelCode)
    {
        var holder = rule.By switch
        {
            ActingTenant.OwnerOrCommand or ActingTenant.Command => Incident.CommandTenant,
            ActingTenant.Asked => askedTenant,
            _ => null,
        };
        var standsAbove = rule.By == ActingTenant.AboveCommand && await StandsAboveAsync(Incident.CommandTenant);
        if (!rule.IsFor(Incident, CallerTenant, standsAbove, askedTenant))
        {
            return ActOutcome.Refused(holder is not null
                ? Refusal.NotInCommand(holder, await NameOfAsync(holder), rule.Zh, rule.En)
                : rule.By == ActingTenant.AboveCommand
                ? Refusal.NotInCommand($"a command above {Incident.CommandTenant}", $"{await NameOfAsync(Incident.CommandTenant)}的上级指挥机构", rule.Zh, rule.En)
                : Refusal.NotInCommand($"a command {Incident.TenantCode} escalated to", $"{await NameOfAsync(Incident.TenantCode)}的上级指挥机构", rule.Zh, rule.En));
        }
        // Who may act is answered before whether the act fits the incident's state or the request:
        // a caller without the role learns nothing about the record from a 409 or a 400.
        if (RolesFor(rule, levelCode) is var (roles, zh, en) && !caller.HasAny(roles))
        {
            return ActOutcome.Refused(Refusal.RoleNotAllowed(roles, zh, en));
        }
        if (!rule.From.Contains(Incident.State))
        {
            return ActOutcome.Refused(Refusal.InvalidState(Incident.State, rule.Zh, rule.En));
        }
        return rule.Roles is null ? LevelRefusal(levelCode) : null;
    }

    /// <summary>
    /// The roles the act takes: the rule's own, or where the plan names them per level, those of the
    /// level concerned — of any level of the plan while the level is not one of it (that request is
    /// then answered as invalid, once the caller is known to be one who may act at some level).
    /// </summary>
    private (IReadOnlyList<string> Roles, string Zh, string En) RolesFor(ActRule rule, string? levelCode) =>
        rule.Roles is null && Level(levelCode) is { } level
            ? (rule.RolesFor(plan, levelCode), $"{rule.Zh}（{level.Name}）", $"{rule.En} at level {level.Code}")
            : (rule.RolesFor(plan, levelCode), rule.Zh, rule.En);

    /// <summary>The pinned plan's response level with this code, if it has one.</summary>
    public ResponseLevel? Level(string? code) => plan.ResponseLevels.FirstOrDefault(l => l.Code == code);

    private ActOutcome? LevelRefusal(string? code) =>
        Level(code) is null
            ? ActOutcome.Invalid([new FieldError("level", "not_in_plan",
                $"本预案没有响应级别「{code}」，可选：{string.Join("、", plan.ResponseLevels.Select(l => $"{l.Code}（{l.Name}）"))}",
                $"This plan has no response level '{code}'; use one of {string.Join(", ", plan.ResponseLevels.Select(l => l.Code))}")])
            : null;

    private Task<bool> StandsAboveAsync(string tenant) => directory.StandsAboveAsync(caller, tenant, ct);

    public async Task<string> NameOfAsync(string tenant) => (await directory.FindAsync(tenant, ct))?.Name ?? tenant;

    public Task<TenantEntry?> TenantAsync(string tenant) => directory.FindAsync(tenant, ct);

    /// <summary>A write without a result, sent with the act's next round trip, after those deferred before it.</summary>
    public void Defer(NpgsqlBatchCommand write) => deferred.Add(write);

    public void Save(Incident changed)
    {
        Incident = changed;
        Defer(IncidentStore.SaveCommand(changed, now));
    }

    public void Record(string act, string summary, object? details = null) =>
        Record(new TimelineEntry(Incident.Id, now, act, Actor, CallerTenant, summary, details));

    /// <summary>An entry of the record; entries take their numbers in the order they were recorded.</summary>
    public void Record(TimelineEntry entry)
    {
        var seq = recorded + written.Count + 1;
        // At to the microsecond, as PostgreSQL keeps it: the answer shows the entry exactly as a later read will.
        written.Add(new TimelineRow
        {
            Seq = seq, IncidentId = entry.IncidentId, At = entry.At.AddTicks(-(entry.At.Ticks % 10)), Act = entry.Act, Actor = entry.Actor,
            ActorTenant = entry.ActorTenant, Summary = entry.Summary,
        });
        Defer(IncidentStore.TimelineCommand(entry, seq));
    }

    /// <summary>Whether the act wrote an event, so the relay is to be woken once it commits.</summary>
    public bool Published { get; private set; }

    /// <summary>Stamps the event's header from this act (time, the owning tenant, the incident) and writes it to the outbox.</summary>
    public void Publish(IncidentEvent message)
    {
        Published = true;
        Defer(Outbox.EnqueueCommand(message with
        {
            OccurredAt = now,
            TenantCode = Incident.TenantCode,
            TenantPath = Incident.TenantPath,
            IncidentId = Incident.Id,
            Number = Incident.Number,
            Exercise = Incident.Exercise,
        }));
    }
}
