using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Notifications.Data;
using Fenghuo.Notifications.Domain;
using Fenghuo.Notifications.Mail;
using Fenghuo.Notifications.Recipients;

namespace Fenghuo.Notifications.Messaging;

/// <summary>Tells one user of one notification: the inbox item, its line in the delivery log, their e-mail.</summary>
public sealed class Teller(NotificationStore store, MailOutbox mail, DeliveryLog log)
{
    /// <summary>Does nothing for a user who already has the item, so a redelivery or a second rung tells nobody twice.</summary>
    public async Task TellAsync(DbSession session, Guid notificationId, string tenantCode, string tenantPath, Recipient user, Message message, DateTimeOffset at)
    {
        if (!await store.AddItemAsync(session, notificationId, tenantCode, user.Username, user.Role, at))
        {
            return;
        }
        await log.RecordAsync(session, notificationId, DeliveryChannel.Inbox, user.Username, 1, DeliveryOutcome.Delivered, null, at);
        await mail.EnqueueAsync(session, notificationId, tenantCode, tenantPath, user, message, at);
    }
}
