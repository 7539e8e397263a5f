using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts.Tenancy;
using Microsoft.Extensions.Logging;

namespace Fenghuo.BuildingBlocks.Tenancy;

public sealed class JurisdictionsSnapshotConsumer(TenantDatabase database, TenantDirectory directory, ILogger<JurisdictionsSnapshotConsumer> logger)
    : IdempotentConsumer<JurisdictionsSnapshotPublished>(database, logger)
{
    protected override async Task ApplyAsync(JurisdictionsSnapshotPublished message, DbSession session, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var jurisdiction in message.Jurisdictions)
        {
            if (await directory.ApplyAsync(session, jurisdiction))
            {
                await TenantRelocation.FollowAsync(session, jurisdiction);
                changed++;
            }
        }
        logger.LogInformation("Tenant snapshot of {Count} jurisdictions applied, {Changed} newer than ours", message.Jurisdictions.Count, changed);
    }
}
