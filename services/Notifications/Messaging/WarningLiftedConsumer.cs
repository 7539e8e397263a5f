using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Messaging;

public sealed class WarningLiftedConsumer(TenantDatabase database, NotificationDesk desk, ILogger<WarningLiftedConsumer> logger)
    : NotifyingConsumer<WarningLifted>(NotificationRules.WarningLifted, database, desk, logger);
