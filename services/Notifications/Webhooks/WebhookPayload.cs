using System.Text.Json;
using Fenghuo.Contracts;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Webhooks;

/// <summary>
/// The body every webhook gets, in the Standard Webhooks shape: type, timestamp, data — the
/// notification as the tenant's inbox shows it, with the link to what it is about.
/// </summary>
public static class WebhookPayload
{
    public static string For(Guid notificationId, string tenantCode, string eventType, Message message, bool requiresAcknowledgement, DateTimeOffset at) =>
        JsonSerializer.Serialize(new
        {
            type = eventType,
            timestamp = at,
            data = new
            {
                notificationId,
                tenant = tenantCode,
                @event = eventType,
                subject = EnumLabel.Of(message.Subject),
                subjectId = message.SubjectId,
                subjectNumber = message.SubjectNumber,
                link = message.Link,
                title = message.Title,
                body = message.Body,
                requiresAcknowledgement,
            },
        }, FenghuoJson.Options);
}
