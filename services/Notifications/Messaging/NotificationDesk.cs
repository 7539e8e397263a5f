using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Notifications.Data;
using Fenghuo.Notifications.Webhooks;
using Fenghuo.Notifications.Recipients;

namespace Fenghuo.Notifications.Messaging;

/// <summary>What every notifying consumer works with, so each consumer names only its event and rule.</summary>
public sealed record NotificationDesk(
    TenantDirectory Tenants,
    IRecipientDirectory Recipients,
    NotificationStore Store,
    TenantSettingsStore Settings,
    Teller Teller,
    WebhookStore Webhooks,
    NotificationsOptions Options,
    TimeProvider Time);
