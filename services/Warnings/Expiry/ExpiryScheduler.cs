using Fenghuo.Contracts;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Warnings.Data;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;

namespace Fenghuo.Warnings.Expiry;

/// <summary>
/// Ends every warning in force at its expiry, on the service's TimeProvider, without anyone acting:
/// the state change, the history entry and WarningExpired commit together, so it is announced
/// exactly once, within one scan of the expiry.
/// </summary>
public sealed class ExpiryScheduler(
    TenantDatabase database,
    ExpiryStore expiries,
    WarningStore warnings,
    Outbox outbox,
    TimeProvider time,
    WarningsOptions options,
    ILogger<ExpiryScheduler> logger) : ScheduledScan(time, TimeSpan.FromMilliseconds(options.ExpiryScanMilliseconds), logger)
{
    private const string SystemActor = "system";

    /// <summary>One look at the clock; returns how many warnings it marked expired.</summary>
    public override Task<int> ScanAsync(CancellationToken ct)
    {
        var now = Time.GetUtcNow();
        return database.InTransactionAsync(TenantScope.None, async session =>
        {
            var expired = await expiries.MarkExpiredAsync(session, now);
            foreach (var warning in expired)
            {
                // History and event are written as the issuer, whose warning it is.
                await TenantDatabase.UseScopeAsync(session, new TenantScope(warning.TenantCode, warning.TenantPath));
                await warnings.AddHistoryAsync(session, new HistoryRow
                {
                    WarningId = warning.Id, At = now.UtcDateTime, Act = "expired", Actor = SystemActor, ActorTenant = warning.TenantCode,
                    Level = warning.Level,
                    Summary = $"预警已到期（截止 {warning.Expires.ShanghaiTime():yyyy-MM-dd HH:mm}），自动结束",
                });
                await outbox.EnqueueAsync(session, new WarningExpired(warning.Level, warning.Expires)
                {
                    OccurredAt = now, TenantCode = warning.TenantCode, TenantPath = warning.TenantPath, WarningId = warning.Id, Number = warning.Number,
                });
                Logger.LogInformation("Warning {Number} of {Tenant} expired", warning.Number, warning.TenantCode);
            }
            return expired.Count;
        }, ct);
    }
}
