using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Fenghuo.ServiceDefaults.Plans;
using Fenghuo.ServiceDefaults.Tenancy;

namespace Fenghuo.Incidents.Acts;

/// <summary>
/// Runs an act in one transaction: lock the incident the caller can see, read the plan version
/// pinned to it, decide, write. An act decides everything before it writes anything, so a
/// refusal leaves the record and the outbox as they were.
/// </summary>
public sealed class ActRunner(TenantDatabase database, IncidentStore store, PlanRulesReplica plans, Outbox outbox, TenantDirectory directory, TimeProvider time)
{
    /// <param name="act">Returns null when done, or the refusal.</param>
    public async Task<ActOutcome> RunAsync(TenantContext caller, Guid id, Func<ActScope, Task<ActOutcome?>> act, CancellationToken ct)
    {
        if (!caller.HasTenant)
        {
            return ActOutcome.Missing;
        }
        var now = time.GetUtcNow();
        return await database.InTransactionAsync(caller.Scope, async session =>
        {
            var incident = await store.LockAsync(session, id);
            if (incident is null)
            {
                return ActOutcome.Missing;
            }
            var plan = await plans.VersionAsync(session, incident.TenantCode, incident.PlanVersion);
            if (plan is null)
            {
                // Every pinned version is held, and seen by the owner and its ancestors. A caller who sees
                // the incident but not its plan is a command the jurisdiction has since moved away from:
                // it keeps what was escalated to it, and no longer acts on it.
                var command = (await directory.FindAsync(incident.CommandTenant, ct))?.Name ?? incident.CommandTenant;
                return ActOutcome.Refused(Refusal.NotInCommand(incident.CommandTenant, command, "处置此事件", "act on this incident"));
            }
            var refused = await act(new ActScope(session, incident, plan.Rules, caller, now, store, outbox, directory, ct));
            return refused ?? ActOutcome.Done((await store.LoadAsync(session, id))!);
        }, ct);
    }

    /// <summary>Reads an incident with everything recorded about it, if the caller may see it.</summary>
    public Task<IncidentRecord?> ReadAsync(TenantContext caller, Guid id, CancellationToken ct) =>
        caller.HasTenant
            ? database.InTransactionAsync(caller.Scope, session => store.LoadAsync(session, id), ct)
            : Task.FromResult<IncidentRecord?>(null);
}
