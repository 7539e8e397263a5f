using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Notifications.Data;
using Fenghuo.Notifications.Domain;
using Fenghuo.Notifications.Messaging;
using Fenghuo.Notifications.Recipients;

namespace Fenghuo.Notifications.Acknowledgements;

/// <summary>
/// Watches unacknowledged items on the service's TimeProvider: one whose window passed goes to
/// the users of the next role up the ladder at its tenant, the step is recorded, and the window
/// starts again; at the top of the ladder it stops. One acknowledgement at the tenant stops it.
/// </summary>
public sealed class AcknowledgementScheduler(
    TenantDatabase database,
    NotificationStore store,
    TenantSettingsStore settings,
    Teller teller,
    IRecipientDirectory recipients,
    NotificationsOptions options,
    TimeProvider time,
    ILogger<AcknowledgementScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.AcknowledgementScanMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Acknowledgement scan failed; trying again in {Interval}", interval);
            }
            await Task.Delay(interval, time, stoppingToken);
        }
    }

    /// <summary>One look at the clock; returns how many items went up a step.</summary>
    public Task<int> ScanAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return database.InTransactionAsync(TenantScope.None, async session =>
        {
            var due = await TenantDatabase.WidenedAsync(session, RlsWidening.Clock, () => store.DueAsync(session, now));
            var escalated = 0;
            foreach (var item in due)
            {
                await TenantDatabase.UseScopeAsync(session, new TenantScope(item.TenantCode, item.TenantPath));
                if (EscalationLadder.Next(item.EscalationStep) is not var (step, role))
                {
                    await store.StopEscalatingAsync(session, item.TenantCode, item.Id, item.EscalationStep);
                    continue;
                }
                var told = await recipients.UsersAsync(item.TenantCode, role, ct);
                foreach (var user in told)
                {
                    await teller.TellAsync(session, item.Id, item.TenantCode, item.TenantPath, user, item.Message, now);
                }
                var last = EscalationLadder.Next(step) is null;
                await store.EscalateAsync(session, item.TenantCode, item.Id, step, role, told.Select(u => u.Username).ToList(), now, last ? null : now + (await settings.GetAsync(session, item.TenantCode)).WindowOr(options.AcknowledgementWindow));
                logger.LogInformation("Unacknowledged {Number} at {Tenant} went to {Role} ({Count} users)", item.SubjectNumber, item.TenantCode, role, told.Count);
                escalated++;
            }
            return escalated;
        }, ct);
    }
}
