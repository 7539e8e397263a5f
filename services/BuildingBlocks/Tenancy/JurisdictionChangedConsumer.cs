using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts.Tenancy;
using Microsoft.Extensions.Logging;

namespace Fenghuo.BuildingBlocks.Tenancy;

public sealed class JurisdictionChangedConsumer(TenantDatabase database, TenantDirectory directory, ILogger<JurisdictionChangedConsumer> logger)
    : IdempotentConsumer<JurisdictionChanged>(database, logger)
{
    protected override async Task ApplyAsync(JurisdictionChanged message, DbSession session, CancellationToken cancellationToken)
    {
        if (await directory.ApplyAsync(session, message.Jurisdiction))
        {
            await TenantRelocation.FollowAsync(session, message.Jurisdiction);
            logger.LogInformation("Tenant {TenantCode} is now {Status} at {TenantPath}",
                message.Jurisdiction.Code, message.Jurisdiction.Status, message.Jurisdiction.Path);
        }
    }
}
