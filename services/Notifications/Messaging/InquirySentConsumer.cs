using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Notifications.Data;
using Fenghuo.Notifications.Domain;
using Fenghuo.Notifications.Recipients;

namespace Fenghuo.Notifications.Messaging;

public sealed class InquirySentConsumer(
    TenantDatabase database, TenantDirectory tenants, IRecipientDirectory recipients, NotificationStore store, NotificationsOptions options, TimeProvider time, ILogger<InquirySentConsumer> logger)
    : NotifyingConsumer<InquirySent>(NotificationRules.InquirySent, database, tenants, recipients, store, options, time, logger);
