using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Messaging;

public sealed class CommandTakenOverConsumer(TenantDatabase database, NotificationDesk desk, ILogger<CommandTakenOverConsumer> logger)
    : NotifyingConsumer<CommandTakenOver>(NotificationRules.CommandTakenOver, database, desk, logger);
