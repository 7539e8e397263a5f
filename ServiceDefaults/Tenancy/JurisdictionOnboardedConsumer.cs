using Fenghuo.Contracts.Tenancy;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Microsoft.Extensions.Logging;

namespace Fenghuo.ServiceDefaults.Tenancy;

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
