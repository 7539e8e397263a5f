using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Messaging;

public sealed class IncidentEscalatedConsumer(TenantDatabase database, NotificationDesk desk, ILogger<IncidentEscalatedConsumer> logger)
    : NotifyingConsumer<IncidentEscalated>(NotificationRules.IncidentEscalated, database, desk, logger);
