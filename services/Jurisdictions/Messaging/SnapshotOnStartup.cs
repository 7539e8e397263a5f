using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Jurisdictions.Messaging;

/// <summary>
/// Publishes the tree once at start-up: services that were already listening get it now; those
/// that start later ask for it themselves (TenantDirectoryResyncRequested).
/// </summary>
internal sealed class SnapshotOnStartup(TenantDatabase database, SnapshotPublisher snapshots, MigrationState migrations) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrations.WhenDone.WaitAsync(stoppingToken);
        await database.InTransactionAsync(TenantScope.None, session => snapshots.EnqueueAsync(session, stoppingToken), stoppingToken);
    }
}
