using Dapper;
using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Notifications.Webhooks;

/// <summary>A tenant's webhooks and the messages waiting for them; every statement under the session's tenant (RLS).</summary>
public sealed class WebhookStore
{
    private const string Columns = """
        select id as Id, url as Url, events as Events, description as Description, enabled as Enabled, created_at as CreatedAt,
               created_by as CreatedBy, disabled_at as DisabledAt, disabled_reason as DisabledReason
        from webhook
        """;

    private const string Insert = """
        insert into webhook (id, tenant_code, tenant_path, url, events, description, secret, enabled, created_at, created_by)
        values (@Id, @Tenant, @Path::ltree, @Url, @Events, @Description, @Secret, true, @At, @By)
        """;

    private const string SetEnabled = """
        update webhook set enabled = @Enabled, disabled_at = case when @Enabled then null else @At end,
                           disabled_reason = case when @Enabled then null else @Reason end
        where tenant_code = @Tenant and id = @Id and deleted_at is null
        """;

    private const string Delete = "update webhook set deleted_at = @At, enabled = false where tenant_code = @Tenant and id = @Id and deleted_at is null";

    private const string Subscribed = """
        select id from webhook
        where tenant_code = @Tenant and enabled and deleted_at is null and (@Event = any(events) or '*' = any(events))
        """;

    private const string Enqueue = """
        insert into webhook_message (id, webhook_id, notification_id, tenant_code, tenant_path, event_type, payload, created_at, next_attempt_at)
        values (@Id, @WebhookId, @NotificationId, @Tenant, @Path::ltree, @EventType, @Payload, @At, @At)
        on conflict (webhook_id, notification_id) do nothing
        """;

    // The webhook row is read under the message's policy widening: the scan runs before any tenant scope.
    private const string Due = """
        select m.id as Id, m.webhook_id as WebhookId, m.notification_id as NotificationId, m.tenant_code as TenantCode,
               m.tenant_path::text as TenantPath, m.event_type as EventType, n.subject_number as SubjectNumber, m.payload as Payload,
               m.created_at as CreatedAt, m.attempts as Attempts, w.url as Url, w.secret as Secret, (w.enabled and w.deleted_at is null) as Enabled
        from webhook_message m
        join webhook w on w.id = m.webhook_id
        join notification n on n.id = m.notification_id
        where m.next_attempt_at <= @Now
        order by m.next_attempt_at
        limit 50
        for update of m skip locked
        """;

    private const string Delivered = """
        update webhook_message set delivered_at = @At, attempts = attempts + 1, next_attempt_at = null
        where tenant_code = @Tenant and id = @Id
        """;

    private const string Retry = """
        update webhook_message set attempts = attempts + 1, next_attempt_at = @Next, abandoned_at = case when @Next is null then @At end
        where tenant_code = @Tenant and id = @Id
        """;

    public async Task<IReadOnlyList<Webhook>> ListAsync(DbSession session) =>
        (await session.Connection.QueryAsync<WebhookRow>(Columns + " where tenant_code = @Tenant and deleted_at is null order by created_at desc",
            new { Tenant = session.Scope.Code }, session.Transaction)).Select(r => r.ToWebhook()).ToList();

    public async Task<Webhook?> FindAsync(DbSession session, Guid id) =>
        (await session.Connection.QuerySingleOrDefaultAsync<WebhookRow>(Columns + " where tenant_code = @Tenant and id = @Id and deleted_at is null",
            new { Tenant = session.Scope.Code, Id = id }, session.Transaction))?.ToWebhook();

    public Task AddAsync(DbSession session, Guid id, Uri url, IReadOnlyList<string> events, string description, string secret, string by, DateTimeOffset at) =>
        session.Connection.ExecuteAsync(Insert, new
        {
            Id = id, Tenant = session.Scope.Code, session.Scope.Path, Url = url.ToString(), Events = events.ToArray(), Description = description,
            Secret = secret, At = at, By = by,
        }, session.Transaction);

    /// <returns>Whether there was such a webhook.</returns>
    public async Task<bool> SetEnabledAsync(DbSession session, string tenantCode, Guid id, bool enabled, string? reason, DateTimeOffset at) =>
        await session.Connection.ExecuteAsync(SetEnabled, new { Tenant = tenantCode, Id = id, Enabled = enabled, Reason = reason, At = at }, session.Transaction) == 1;

    public async Task<bool> DeleteAsync(DbSession session, Guid id, DateTimeOffset at) =>
        await session.Connection.ExecuteAsync(Delete, new { Tenant = session.Scope.Code, Id = id, At = at }, session.Transaction) == 1;

    /// <summary>Queues the notification for every enabled webhook of the tenant subscribed to the event.</summary>
    public async Task EnqueueAsync(DbSession session, Guid notificationId, string tenantCode, string tenantPath, string eventType, string payload, DateTimeOffset at)
    {
        var webhooks = await session.Connection.QueryAsync<Guid>(Subscribed, new { Tenant = tenantCode, Event = eventType }, session.Transaction);
        foreach (var webhook in webhooks)
        {
            await session.Connection.ExecuteAsync(Enqueue, new
            {
                Id = Guid.CreateVersion7(), WebhookId = webhook, NotificationId = notificationId, Tenant = tenantCode, Path = tenantPath,
                EventType = eventType, Payload = payload, At = at,
            }, session.Transaction);
        }
    }

    /// <summary>Messages of every tenant due now; run under <see cref="RlsWidening.Clock"/>.</summary>
    public async Task<IReadOnlyList<DueWebhookMessage>> DueAsync(DbSession session, DateTimeOffset now) =>
        (await session.Connection.QueryAsync<DueWebhookMessage>(Due, new { Now = now }, session.Transaction)).ToList();

    public Task DeliveredAsync(DbSession session, DueWebhookMessage message, DateTimeOffset at) =>
        session.Connection.ExecuteAsync(Delivered, new { Tenant = message.TenantCode, message.Id, At = at }, session.Transaction);

    /// <param name="next">When to try again; null gives the message up.</param>
    public Task RetryAsync(DbSession session, DueWebhookMessage message, DateTimeOffset? next, DateTimeOffset at) =>
        session.Connection.ExecuteAsync(Retry, new { Tenant = message.TenantCode, message.Id, Next = next, At = at }, session.Transaction);

    // Dapper fills arrays through properties (with the type handlers), not constructors.
    private sealed class WebhookRow
    {
        public Guid Id { get; set; }
        public string Url { get; set; } = "";
        public string[] Events { get; set; } = [];
        public string Description { get; set; } = "";
        public bool Enabled { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public string CreatedBy { get; set; } = "";
        public DateTimeOffset? DisabledAt { get; set; }
        public string? DisabledReason { get; set; }

        public Webhook ToWebhook() => new(Id, Url, Events, Description, Enabled, CreatedAt, CreatedBy, DisabledAt, DisabledReason);
    }
}
