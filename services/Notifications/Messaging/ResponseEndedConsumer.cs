using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Messaging;

public sealed class ResponseEndedConsumer(TenantDatabase database, NotificationDesk desk, ILogger<ResponseEndedConsumer> logger)
    : NotifyingConsumer<ResponseEnded>(NotificationRules.ResponseEnded, database, desk, logger);
