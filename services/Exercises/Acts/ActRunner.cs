using System.Text.Json;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Exercises.Data;
using Fenghuo.Exercises.Domain;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Exercises.Acts;

/// <summary>
/// Runs an act in one transaction: lock the exercise the caller can see, check the act's rule from
/// <see cref="Lifecycle"/>, decide, write, and append one audit entry, done or refused. An act
/// decides everything before it writes anything, so a refusal leaves the exercise and the outbox as they were.
/// </summary>
public sealed class ActRunner(TenantDatabase database, ExerciseStore store, Outbox outbox, TenantDirectory directory, AuditTrail audit, TimeProvider time)
{
    /// <param name="target">For acts only an inject's target may do: that target; null when there is no such inject.</param>
    public async Task<ActOutcome> RunAsync(TenantContext caller, Guid id, ActRule rule, Func<ActScope, Task<ActOutcome?>> act, CancellationToken ct,
        Func<ActScope, Task<string?>>? target = null)
    {
        if (!caller.HasTenant)
        {
            return ActOutcome.Missing;
        }
        var now = time.GetUtcNow();
        return await database.InTransactionAsync(caller.Scope, async session =>
        {
            var exercise = await store.LockAsync(session, id);
            if (exercise is null)
            {
                return ActOutcome.Missing;
            }
            var scope = new ActScope(session, exercise, caller, now, store, outbox, directory, ct);
            string? addressed = null;
            if (target is not null && (addressed = await target(scope)) is null)
            {
                return ActOutcome.Missing;
            }
            var refused = await scope.PermitAsync(rule, addressed) ?? await act(scope);
            var outcome = refused ?? ActOutcome.Done((await store.LoadAsync(session, id))!);
            await audit.AppendAsync(session, Audited(caller, rule.Name, exercise.Id, now, refused));
            return outcome;
        }, ct);
    }

    /// <summary>Reads an exercise with everything recorded about it, if the caller may see it.</summary>
    public Task<ExerciseRecord?> ReadAsync(TenantContext caller, Guid id, CancellationToken ct) =>
        caller.HasTenant
            ? database.InTransactionAsync(caller.Scope, session => store.LoadAsync(session, id), ct)
            : Task.FromResult<ExerciseRecord?>(null);

    /// <summary>The audit entry of an act: success, or why it was refused.</summary>
    public static AuditEntry Audited(TenantContext caller, string action, Guid exerciseId, DateTimeOffset at, ActOutcome? refused)
    {
        var (result, details) = refused switch
        {
            null => ("success", (object)new { exerciseId }),
            { Errors.Count: > 0 } => ("invalid", new { exerciseId, fields = refused.Errors.Select(e => e.Field).ToArray() }),
            { Refusal: { } refusal } => ($"refused:{refusal.Code}", new { exerciseId, status = refusal.Status }),
            _ => ("missing", new { exerciseId }),
        };
        return new AuditEntry(at, caller.TenantCode!, caller.Actor, action, exerciseId.ToString(), result, CorrelationId.Current,
            JsonSerializer.Serialize(details, FenghuoJson.Options));
    }
}
