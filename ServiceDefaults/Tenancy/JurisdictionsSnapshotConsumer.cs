using Fenghuo.Contracts.Tenancy;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Microsoft.Extensions.Logging;

namespace Fenghuo.ServiceDefaults.Tenancy;

public sealed class JurisdictionsSnapshotConsumer(TenantDatabase database, TenantDirectory directory, ILogger<JurisdictionsSnapshotConsumer> logger)
    : IdempotentConsumer<JurisdictionsSnapshotPublished>(database, logger)
{
    protected override async Task ApplyAsync(JurisdictionsSnapshotPublished message, DbSession session, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var jurisdiction in message.Jurisdictions)
        {
            changed += await directory.ApplyAsync(session, jurisdiction) ? 1 : 0;
        }
        logger.LogInformation("Tenant snapshot of {Count} jurisdictions applied, {Changed} newer than ours", message.Jurisdictions.Count, changed);
    }
}
