using System.Text.Json;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;
using Fenghuo.ServiceDefaults.Http;
using Npgsql;

namespace Fenghuo.Incidents.Acts;

/// <summary>
/// Runs an act in one transaction: lock the incident the caller can see, read the plan version
/// pinned to it, check the act's rule from <see cref="Lifecycle"/>, decide, write, and append an
/// audit entry whether the act was done or refused. An act decides everything before it writes
/// anything, and its writes are deferred (<see cref="ActScope"/>), so a refusal leaves the record and
/// the outbox as they were. A done act costs two round trips: BEGIN with the tenant's settings and the
/// lock, then its writes with the audit entry, the re-read and COMMIT; a refused act the lock, then its
/// audit entry with COMMIT; one more for each read an act makes after writing
/// (<see cref="TenantDatabase.InBatchedTransactionAsync{T}"/>). Whatever ends an act before its commit (an
/// incident the caller does not see, a failed statement, an exception, a cancellation) leaves the transaction
/// to be rolled back as the connection goes back to the pool: nothing of the act persists.
/// </summary>
public sealed class ActRunner(
    TenantDatabase database, IncidentStore store, PlanRulesCache plans, TenantDirectory directory, OutboxWake wake, TimeProvider time)
{
    /// <param name="rule">The lifecycle's rule for the act, checked before <paramref name="act"/> runs.</param>
    /// <param name="act">Returns null when done, or the refusal.</param>
    /// <param name="level">For rules whose roles the plan names per response level: the level concerned.</param>
    /// <param name="askedOf">For acts only the asked tenant may do: who was asked; null when there is no such question.</param>
    /// <param name="seen">The newest entry of the record the caller has: the answer carries only newer ones (null: the newest page).</param>
    public async Task<ActOutcome> RunAsync(
        TenantContext caller, Guid id, ActRule rule, Func<ActScope, Task<ActOutcome?>> act, CancellationToken ct,
        Func<ActScope, string?>? level = null, Func<ActScope, Task<string?>>? askedOf = null, int? seen = null)
    {
        if (!caller.HasTenant)
        {
            return ActOutcome.Missing;
        }
        var now = time.GetUtcNow();
        ActScope? done = null;
        // The lock's round trip begins the transaction and sets the tenant too (IncidentStore.LockAsync).
        var result = await database.InBatchedTransactionAsync(caller.Scope, async session =>
        {
            if (await store.LockAsync(session, id) is not var (incident, planVisible, recorded))
            {
                return ActOutcome.Missing;
            }
            var plan = planVisible
                ? plans.Kept(incident.TenantCode, incident.PlanVersion) ?? await plans.PinnedAsync(session, incident.TenantCode, incident.PlanVersion)
                : null;
            ActOutcome? refused;
            if (plan is null)
            {
                // Every pinned version is held, and seen by the owner and its ancestors. A caller who sees
                // the incident but not its plan is a command the jurisdiction has since moved away from:
                // it keeps what was escalated to it, and no longer acts on it.
                var command = (await directory.FindAsync(incident.CommandTenant, ct))?.Name ?? incident.CommandTenant;
                refused = ActOutcome.Refused(Refusal.NotInCommand(incident.CommandTenant, command, rule.Zh, rule.En));
            }
            else
            {
                var scope = done = new ActScope(session, incident, recorded, seen, plan.Rules, caller, now, store, directory, ct);
                string? asked = null;
                if (askedOf is not null && (asked = await askedOf(scope)) is null)
                {
                    return ActOutcome.Missing;
                }
                var clocksBefore = incident.Exercise ? (await store.LoadAsync(session, id))!.Deadlines : [];
                refused = await scope.PermitAsync(rule, asked, level?.Invoke(scope)) ?? await act(scope);
                if (refused is null && incident.Exercise)
                {
                    DrillClocks.ReportSettled(scope, clocksBefore, (await scope.LoadAsync()).Deadlines);
                }
            }
            if (refused is not null)
            {
                // What a refused act deferred is dropped unsent: the audit entry is the transaction's only write.
                await using var batch = new NpgsqlBatch(session.Connection)
                {
                    BatchCommands = { AuditTrail.AppendCommand(AuditOf(rule, caller, incident, now, refused)), TenantDatabase.CommitCommand() },
                };
                await batch.ExecuteNonQueryAsync(ct);
                return refused;
            }
            // A done act's writes, its audit entry and its commit travel in the round trip that re-reads the record it answers with.
            return ActOutcome.Done(await done!.LoadAsync(AuditOf(rule, caller, incident, now, null)));
        }, ct);
        if (done is { Published: true })
        {
            wake.Committed();
        }
        return result;
    }

    /// <summary>Reads an incident with everything recorded about it, if the caller may see it.</summary>
    public Task<IncidentRecord?> ReadAsync(TenantContext caller, Guid id, CancellationToken ct) =>
        caller.HasTenant
            ? database.InTransactionAsync(caller.Scope, session => store.LoadAsync(session, id), ct)
            : Task.FromResult<IncidentRecord?>(null);

    /// <summary>
    /// What the caller may do on the incident now, under the plan version pinned to it as the caller
    /// sees it: a command the jurisdiction has since moved away from sees the incident, not the plan, and no longer acts.
    /// </summary>
    public async Task<AllowedActs> AllowedAsync(TenantContext caller, IncidentRecord record, CancellationToken ct)
    {
        if (!caller.HasTenant)
        {
            return AllowedActs.None;
        }
        var incident = record.Incident;
        // The reporting jurisdiction always sees its own plan: the version read at intake spares every report and act a round trip.
        var plan = (caller.TenantCode == incident.TenantCode ? plans.Kept(incident.TenantCode, incident.PlanVersion) : null)
            ?? await database.InTransactionAsync(caller.Scope, session => plans.PinnedAsync(session, incident.TenantCode, incident.PlanVersion), ct);
        var standsAbove = incident.WasEscalatedTo(caller.TenantCode) && await directory.StandsAboveAsync(caller, incident.CommandTenant, ct);
        return AllowedActs.For(record, caller, plan?.Rules, standsAbove);
    }

    /// <param name="refused">Why the act changed nothing; null when it was done.</param>
    private static AuditEntry AuditOf(ActRule rule, TenantContext caller, Incident incident, DateTimeOffset now, ActOutcome? refused)
    {
        var (result, details) = refused switch
        {
            { Refusal: { } refusal } => ("refused", (object)new { incidentId = incident.Id, status = refusal.Status, code = refusal.Code }),
            { Errors.Count: > 0 } => ("invalid", new { incidentId = incident.Id, fields = refused.Errors.Select(e => e.Field).ToArray() }),
            _ => ("success", new { incidentId = incident.Id }),
        };
        return new AuditEntry(now, caller.TenantCode!, caller.Actor, $"incident.{rule.Name}", incident.Number, result,
            CorrelationId.Current, JsonSerializer.Serialize(details, FenghuoJson.Options));
    }
}
