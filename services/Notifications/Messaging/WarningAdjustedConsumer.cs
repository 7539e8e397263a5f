using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Messaging;

public sealed class WarningAdjustedConsumer(TenantDatabase database, NotificationDesk desk, ILogger<WarningAdjustedConsumer> logger)
    : NotifyingConsumer<WarningAdjusted>(NotificationRules.WarningAdjusted, database, desk, logger);
