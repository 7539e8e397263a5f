using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Messaging;

public sealed class DeadlineApproachingConsumer(TenantDatabase database, NotificationDesk desk, ILogger<DeadlineApproachingConsumer> logger)
    : NotifyingConsumer<DeadlineApproaching>(NotificationRules.DeadlineApproaching, database, desk, logger);
