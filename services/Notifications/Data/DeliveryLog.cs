using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;

namespace Fenghuo.Notifications.Data;

public enum DeliveryChannel
{
    Inbox,
    Email,
    Webhook,
}

public enum DeliveryOutcome
{
    /// <summary>In the inbox, accepted by the SMTP server, or answered 2xx by the webhook.</summary>
    Delivered,

    /// <summary>Not this time; tried again later.</summary>
    Failed,

    /// <summary>The last attempt failed: given up.</summary>
    Abandoned,
}

/// <summary>One attempt at one (notification, recipient, channel).</summary>
public sealed record DeliveryAttempt(
    Guid Id, Guid NotificationId, string EventType, string SubjectNumber, string Channel, string Recipient, Guid? WebhookId,
    int Attempt, string Outcome, string? Detail, DateTimeOffset AttemptedAt);

public sealed record DeliveryFilter(string? Channel, string? Outcome, string? EventType, Guid? NotificationId, Guid? WebhookId, int Limit, int Offset);

/// <summary>投递记录: every attempt, written in the transaction that makes or records it; the tenant reads its own.</summary>
public sealed class DeliveryLog
{
    // Tenant, event and number come from the notification itself, which row-level security shows only to its own tenant.
    private const string Insert = """
        insert into delivery_attempt (id, notification_id, tenant_code, tenant_path, event_type, subject_number, channel, recipient,
                                      webhook_id, attempt, outcome, detail, attempted_at)
        select @Id, n.id, n.tenant_code, n.tenant_path, n.event_type, n.subject_number, @Channel, @Recipient, @WebhookId, @Attempt, @Outcome, @Detail, @At
        from notification n where n.id = @NotificationId
        """;

    private const string List = """
        select id as Id, notification_id as NotificationId, event_type as EventType, subject_number as SubjectNumber, channel as Channel,
               recipient as Recipient, webhook_id as WebhookId, attempt as Attempt, outcome as Outcome, detail as Detail, attempted_at as AttemptedAt
        from delivery_attempt
        where tenant_code = @Tenant
          and (@Channel::text is null or channel = @Channel)
          and (@Outcome::text is null or outcome = @Outcome)
          and (@EventType::text is null or event_type = @EventType)
          and (@NotificationId::uuid is null or notification_id = @NotificationId)
          and (@WebhookId::uuid is null or webhook_id = @WebhookId)
        order by attempted_at desc, id desc
        limit @Limit offset @Offset
        """;

    public Task RecordAsync(DbSession session, Guid notificationId, DeliveryChannel channel, string recipient, int attempt, DeliveryOutcome outcome,
        string? detail, DateTimeOffset at, Guid? webhookId = null) =>
        session.Connection.ExecuteAsync(Insert, new
        {
            Id = Guid.CreateVersion7(), NotificationId = notificationId, Channel = EnumLabel.Of(channel),
            Recipient = recipient, WebhookId = webhookId, Attempt = attempt, Outcome = EnumLabel.Of(outcome), Detail = detail, At = at,
        }, session.Transaction);

    public async Task<IReadOnlyList<DeliveryAttempt>> ListAsync(DbSession session, DeliveryFilter filter) =>
        (await session.Connection.QueryAsync<DeliveryAttempt>(List, new
        {
            Tenant = session.Scope.Code, filter.Channel, filter.Outcome, filter.EventType, filter.NotificationId, filter.WebhookId, filter.Limit, filter.Offset,
        }, session.Transaction)).ToList();
}
