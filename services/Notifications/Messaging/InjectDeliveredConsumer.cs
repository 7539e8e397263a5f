using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Messaging;

public sealed class InjectDeliveredConsumer(TenantDatabase database, NotificationDesk desk, ILogger<InjectDeliveredConsumer> logger)
    : NotifyingConsumer<InjectDelivered>(NotificationRules.InjectDelivered, database, desk, logger);
