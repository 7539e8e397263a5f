using Fenghuo.Contracts.Plans;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Microsoft.Extensions.Logging;

namespace Fenghuo.ServiceDefaults.Plans;

public sealed class PlanPublishedConsumer(TenantDatabase database, PlanRulesReplica replica, ILogger<PlanPublishedConsumer> logger)
    : IdempotentConsumer<PlanPublished>(database, logger)
{
    protected override async Task ApplyAsync(PlanPublished message, DbSession session, CancellationToken cancellationToken)
    {
        await replica.KeepAsync(session, message);
        logger.LogInformation("Keeping plan {TenantCode} v{Version}, in force from {EffectiveFrom}", message.TenantCode, message.PlanVersion, message.EffectiveFrom);
    }
}
