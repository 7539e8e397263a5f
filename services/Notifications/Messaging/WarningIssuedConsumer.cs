using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Messaging;

public sealed class WarningIssuedConsumer(TenantDatabase database, NotificationDesk desk, ILogger<WarningIssuedConsumer> logger)
    : NotifyingConsumer<WarningIssued>(NotificationRules.WarningIssued, database, desk, logger);
