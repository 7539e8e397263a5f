using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts.Plans;
using Microsoft.Extensions.Logging;

namespace Fenghuo.BuildingBlocks.Plans;

public sealed class PlanPublishedConsumer(TenantDatabase database, PlanRulesReplica replica, ILogger<PlanPublishedConsumer> logger)
    : IdempotentConsumer<PlanPublished>(database, logger)
{
    protected override async Task ApplyAsync(PlanPublished message, DbSession session, CancellationToken cancellationToken)
    {
        await replica.KeepAsync(session, message);
        logger.LogInformation("Keeping plan {TenantCode} v{Version}, in force from {EffectiveFrom}", message.TenantCode, message.PlanVersion, message.EffectiveFrom);
    }
}
