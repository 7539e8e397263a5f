using Fenghuo.Contracts.Tenancy;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;

namespace Fenghuo.Jurisdictions.Messaging;

public sealed class TenantDirectoryResyncRequestedConsumer(
    TenantDatabase database, SnapshotPublisher snapshots, ILogger<TenantDirectoryResyncRequestedConsumer> logger)
    : IdempotentConsumer<TenantDirectoryResyncRequested>(database, logger)
{
    protected override async Task ApplyAsync(TenantDirectoryResyncRequested message, DbSession session, CancellationToken cancellationToken)
    {
        logger.LogInformation("{Service} asked for the tenant tree", message.RequestedBy);
        await snapshots.EnqueueAsync(session, cancellationToken);
    }
}
