using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Messaging;

public sealed class ResponseStartedConsumer(TenantDatabase database, NotificationDesk desk, ILogger<ResponseStartedConsumer> logger)
    : NotifyingConsumer<ResponseStarted>(NotificationRules.ResponseStarted, database, desk, logger);
