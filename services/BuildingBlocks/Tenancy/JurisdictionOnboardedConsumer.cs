using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts.Tenancy;
using Microsoft.Extensions.Logging;

namespace Fenghuo.BuildingBlocks.Tenancy;

public sealed class JurisdictionOnboardedConsumer(TenantDatabase database, TenantDirectory directory, ILogger<JurisdictionOnboardedConsumer> logger)
    : IdempotentConsumer<JurisdictionOnboarded>(database, logger)
{
    protected override async Task ApplyAsync(JurisdictionOnboarded message, DbSession session, CancellationToken cancellationToken)
    {
        if (await directory.ApplyAsync(session, message.Jurisdiction))
        {
            logger.LogInformation("Tenant {TenantCode} joined at {TenantPath}", message.Jurisdiction.Code, message.Jurisdiction.Path);
        }
    }
}
