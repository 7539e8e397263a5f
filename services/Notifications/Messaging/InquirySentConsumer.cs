using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Messaging;

public sealed class InquirySentConsumer(TenantDatabase database, NotificationDesk desk, ILogger<InquirySentConsumer> logger)
    : NotifyingConsumer<InquirySent>(NotificationRules.InquirySent, database, desk, logger);
