using Fenghuo.Warnings.Data;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.ServiceDefaults.Http;
using Fenghuo.Warnings.Domain;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;

namespace Fenghuo.Warnings.Acts;

/// <summary>
/// Runs an act in one transaction: lock the warning the caller can see, take the issuing plan's terms
/// pinned to it, check the act's rule from the lifecycle, decide, write, and append one audit entry,
/// accepted or refused. An act decides everything before it writes anything, so a refusal leaves
/// the warning and the outbox as they were.
/// </summary>
public sealed class ActRunner(TenantDatabase database, WarningStore store, Outbox outbox, TenantDirectory directory, AuditTrail audit, TimeProvider time)
{
    /// <param name="act">Runs once the rule permits; returns null when done, or the refusal.</param>
    public async Task<ActOutcome> RunAsync(WarningCaller? caller, Guid id, ActRule rule, Func<ActScope, Task<ActOutcome?>> act, CancellationToken ct)
    {
        if (caller is null)
        {
            return ActOutcome.Missing;
        }
        var now = time.GetUtcNow();
        return await database.InTransactionAsync(caller.Scope, async session =>
        {
            var warning = await store.LockAsync(session, id);
            if (warning is null)
            {
                return ActOutcome.Missing;
            }
            var scope = new ActScope(session, warning, warning.Terms, caller, now, store, outbox, directory, ct);
            var refused = await scope.PermitAsync(rule) ?? await act(scope);
            await audit.AppendAsync(session, Audited(caller, rule.Name, warning.Number, now, refused));
            return refused ?? ActOutcome.Done((await store.LoadAsync(session, id))!);
        }, ct);
    }

    /// <summary>The audit entry of an act on a warning the caller could see: success, or why it was refused.</summary>
    public static AuditEntry Audited(WarningCaller caller, string action, string target, DateTimeOffset at, ActOutcome? refused) =>
        new(at, caller.TenantCode, caller.Actor, action, target,
            refused switch
            {
                null => "success",
                { Errors.Count: > 0 } => "invalid",
                { Refusal: { } refusal } => $"refused:{refusal.Code}",
                _ => "missing",
            },
            CorrelationId.Current);

    /// <summary>Reads a warning with what the caller may see of its record, if the caller may see it.</summary>
    public Task<WarningRecord?> ReadAsync(WarningCaller? caller, Guid id, CancellationToken ct) =>
        caller is null
            ? Task.FromResult<WarningRecord?>(null)
            : database.InTransactionAsync(caller.Scope, session => store.LoadAsync(session, id), ct);
}
