using Fenghuo.Warnings.Data;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Fenghuo.ServiceDefaults.Tenancy;

namespace Fenghuo.Warnings.Acts;

/// <summary>
/// Runs an act in one transaction: lock the warning the caller can see, take the issuing plan's terms
/// pinned to it, decide, write. An act decides everything before it writes anything, so a
/// refusal leaves the warning and the outbox as they were.
/// </summary>
public sealed class ActRunner(TenantDatabase database, WarningStore store, Outbox outbox, TenantDirectory directory, TimeProvider time)
{
    /// <param name="act">Returns null when done, or the refusal.</param>
    public async Task<ActOutcome> RunAsync(WarningCaller? caller, Guid id, Func<ActScope, Task<ActOutcome?>> act, CancellationToken ct)
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
            var refused = await act(new ActScope(session, warning, warning.Terms, caller, now, store, outbox, directory, ct));
            return refused ?? ActOutcome.Done((await store.LoadAsync(session, id))!);
        }, ct);
    }

    /// <summary>Reads a warning with what the caller may see of its record, if the caller may see it.</summary>
    public Task<WarningRecord?> ReadAsync(WarningCaller? caller, Guid id, CancellationToken ct) =>
        caller is null
            ? Task.FromResult<WarningRecord?>(null)
            : database.InTransactionAsync(caller.Scope, session => store.LoadAsync(session, id), ct);
}
