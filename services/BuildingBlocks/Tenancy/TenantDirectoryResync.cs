using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts.Tenancy;
using Microsoft.Extensions.Hosting;

namespace Fenghuo.BuildingBlocks.Tenancy;

/// <summary>
/// On start-up, asks Jurisdictions for the whole tree. A fanout exchange drops what was published
/// before this service's queue existed; this (with Jurisdictions' own snapshot at its start-up)
/// closes that gap whichever service starts first.
/// </summary>
internal sealed class TenantDirectoryResync(
    TenantDatabase database, Outbox outbox, MigrationState migrations, DatabaseOptions options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrations.WhenDone.WaitAsync(stoppingToken);
        var request = new TenantDirectoryResyncRequested($"{options.Service}-api") { OccurredAt = time.GetUtcNow() };
        await database.InTransactionAsync(TenantScope.None, session => outbox.EnqueueAsync(session, request), stoppingToken);
    }
}
