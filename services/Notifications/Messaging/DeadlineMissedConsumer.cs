using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Messaging;

public sealed class DeadlineMissedConsumer(TenantDatabase database, NotificationDesk desk, ILogger<DeadlineMissedConsumer> logger)
    : NotifyingConsumer<DeadlineMissed>(NotificationRules.DeadlineMissed, database, desk, logger);
