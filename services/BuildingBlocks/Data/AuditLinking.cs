using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// Links the audit rows acts have committed into the hash chain (audit_link(), 0006_audit_linked_after_commit.sql,
/// 0009_audit_links_of_their_own.sql) every <see cref="AuditSealOptions.LinkSeconds"/>, so no act waits for another
/// to put its row in the chain. The interval is real time, not the service's clock: it is plumbing, not a deadline.
/// With nothing waiting a run reads the rows written since the last run's horizon, writes nothing and takes no lock.
/// </summary>
public sealed class AuditLinking(
    TenantDatabase database, AuditTrail trail, MigrationState migrations, IOptions<AuditSealOptions> options, ILogger<AuditLinking> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrations.WhenDone.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.LinkSeconds));
        do
        {
            try
            {
                await database.InTransactionAsync(TenantScope.None, trail.LinkAsync, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Audit rows could not be linked into the chain; trying again in {Interval} s", options.Value.LinkSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
