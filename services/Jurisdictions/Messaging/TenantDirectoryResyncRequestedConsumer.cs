using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.Jurisdictions.Data;

namespace Fenghuo.Jurisdictions.Messaging;

/// <summary>A service that starts asks for the tree; it gets the tree and every published plan version, so its copies are whole.</summary>
public sealed class TenantDirectoryResyncRequestedConsumer(
    TenantDatabase database, SnapshotPublisher snapshots, PlanStore plans, PlanPublication publication, TenantDirectory directory,
    ILogger<TenantDirectoryResyncRequestedConsumer> logger)
    : IdempotentConsumer<TenantDirectoryResyncRequested>(database, logger)
{
    protected override async Task ApplyAsync(TenantDirectoryResyncRequested message, DbSession session, CancellationToken cancellationToken)
    {
        logger.LogInformation("{Service} asked for the tenant tree", message.RequestedBy);
        await snapshots.EnqueueAsync(session, cancellationToken);
        var paths = (await directory.ListAsync(cancellationToken)).ToDictionary(t => t.Code, t => t.Path);
        foreach (var version in await plans.AllPublishedAsync(session))
        {
            await publication.AnnounceAsync(session, version, paths[version.TenantCode]);
        }
    }

    // Reading every tenant's plans is the platform's own act, not a tenant's.
    protected override TenantScope ScopeFor(TenantDirectoryResyncRequested message) => new(string.Empty, string.Empty, PlatformAdmin: true);
}
