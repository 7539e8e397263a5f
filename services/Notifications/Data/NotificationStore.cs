using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Data;

/// <summary>Notifications and users' inbox items; every statement runs under the session's tenant (RLS).</summary>
public sealed class NotificationStore
{
    /// <summary>The channel new inbox items are announced on, at commit (Postgres NOTIFY), to every replica's stream.</summary>
    public const string Channel = "notification_item";

    private const string InsertNotification = """
        insert into notification (id, event_id, event_type, tenant_code, tenant_path, subject_kind, subject_id, subject_number,
                                  title, body, requires_acknowledgement, created_at, escalate_at)
        values (@Id, @EventId, @EventType, @TenantCode, @TenantPath::ltree, @SubjectKind, @SubjectId, @SubjectNumber,
                @Title, @Body, @RequiresAcknowledgement, @CreatedAt, @EscalateAt)
        on conflict (event_id, tenant_code) do nothing
        """;

    private const string InsertItem = """
        insert into inbox_item (id, notification_id, tenant_code, recipient, recipient_role, created_at)
        values (@Id, @NotificationId, @TenantCode, @Recipient, @Role, @CreatedAt)
        on conflict (notification_id, recipient) do nothing
        """;

    private const string Notify = "select pg_notify(@Channel, @Payload)";

    private const string ItemColumns = """
        select i.id as Id, n.id as NotificationId, n.event_type as EventType, n.subject_kind as SubjectKind,
               n.subject_id as SubjectId, n.subject_number as SubjectNumber, n.title as Title, n.body as Body,
               n.requires_acknowledgement as RequiresAcknowledgement, i.recipient_role as RecipientRole,
               i.created_at as CreatedAt, i.read_at as ReadAt, n.acknowledged_at as AcknowledgedAt, n.acknowledged_by as AcknowledgedBy
        from inbox_item i join notification n on n.id = i.notification_id
        """;

    private const string List = ItemColumns + """
         where i.tenant_code = @Tenant and i.recipient = @Recipient
           and (not @Unread or i.read_at is null)
           and (not @RequiringAcknowledgement or (n.requires_acknowledgement and n.acknowledged_at is null))
         order by i.created_at desc, i.id desc
         limit @Limit offset @Offset
        """;

    private const string One = ItemColumns + " where i.tenant_code = @Tenant and i.recipient = @Recipient and i.id = @Id";

    private const string Unread = """
        select count(*) from inbox_item i where i.tenant_code = @Tenant and i.recipient = @Recipient and i.read_at is null
        """;

    private const string MarkRead = """
        update inbox_item set read_at = coalesce(read_at, @At)
        where tenant_code = @Tenant and recipient = @Recipient and id = @Id
        """;

    private const string Acknowledge = """
        update notification set acknowledged_at = @At, acknowledged_by = @By, escalate_at = null
        where tenant_code = @Tenant and acknowledged_at is null and requires_acknowledgement
          and id = (select notification_id from inbox_item where tenant_code = @Tenant and recipient = @By and id = @Id)
        """;

    // Rows of several replicas' scans never overlap: each takes the due rows no other scan holds.
    private const string Due = """
        select id as Id, tenant_code as TenantCode, tenant_path::text as TenantPath, escalation_step as EscalationStep,
               subject_kind as SubjectKind, subject_id as SubjectId, subject_number as SubjectNumber, title as Title, body as Body
        from notification
        where escalate_at <= @Now and acknowledged_at is null
        order by escalate_at
        limit 100
        for update skip locked
        """;

    private const string Escalate = """
        update notification set escalation_step = @Step, escalate_at = @Next
        where tenant_code = @Tenant and id = @Id
        """;

    private const string RecordStep = """
        insert into notification_escalation (id, notification_id, tenant_code, step, role, recipients, escalated_at)
        values (@Id, @NotificationId, @Tenant, @Step, @Role, @Recipients, @At)
        """;

    private const string ToldOf = "select distinct tenant_code from notification where subject_kind = @Kind and subject_id = @Id order by tenant_code";

    private const string Steps = """
        select notification_id as NotificationId, step as Step, role as Role, recipients as Recipients, escalated_at as EscalatedAt
        from notification_escalation where tenant_code = @Tenant and notification_id = @Id order by step
        """;

    /// <returns>The new notification's id, or null when this event was already turned into one for the tenant.</returns>
    /// <param name="escalateAt">When, unacknowledged, it goes up the ladder; null when no acknowledgement is asked.</param>
    public Task<Guid?> AddAsync(DbSession session, IntegrationEvent e, string tenantCode, string tenantPath, Message message, bool requiresAcknowledgement, DateTimeOffset at, DateTimeOffset? escalateAt) =>
        AddAsync(session, e.EventId, e.GetType().Name, tenantCode, tenantPath, message, requiresAcknowledgement, at, escalateAt);

    /// <param name="eventId">What it is made of, once: an event's id, or the service's own occasion (a webhook given up).</param>
    public async Task<Guid?> AddAsync(DbSession session, Guid eventId, string eventType, string tenantCode, string tenantPath, Message message, bool requiresAcknowledgement, DateTimeOffset at, DateTimeOffset? escalateAt)
    {
        var id = Guid.CreateVersion7();
        var added = await session.Connection.ExecuteAsync(InsertNotification, new
        {
            Id = id,
            EventId = eventId,
            EventType = eventType,
            TenantCode = tenantCode,
            TenantPath = tenantPath,
            SubjectKind = EnumLabel.Of(message.Subject),
            message.SubjectId,
            message.SubjectNumber,
            message.Title,
            message.Body,
            RequiresAcknowledgement = requiresAcknowledgement,
            CreatedAt = at,
            EscalateAt = requiresAcknowledgement ? escalateAt : null,
        }, session.Transaction);
        return added == 1 ? id : null;
    }

    /// <returns>Whether the user was told now (false when they already had the item).</returns>
    public async Task<bool> AddItemAsync(DbSession session, Guid notificationId, string tenantCode, string recipient, string role, DateTimeOffset at)
    {
        var id = Guid.CreateVersion7();
        var added = await session.Connection.ExecuteAsync(InsertItem, new
        {
            Id = id, NotificationId = notificationId, TenantCode = tenantCode, Recipient = recipient, Role = role, CreatedAt = at,
        }, session.Transaction);
        if (added == 1)
        {
            await session.Connection.ExecuteAsync(Notify, new { Channel, Payload = $"{tenantCode}/{recipient}/{id}" }, session.Transaction);
        }
        return added == 1;
    }

    public async Task<IReadOnlyList<InboxItem>> ListAsync(DbSession session, string recipient, InboxFilter filter) =>
        (await session.Connection.QueryAsync<InboxItem>(List, new
        {
            Tenant = session.Scope.Code, Recipient = recipient, filter.Unread, filter.RequiringAcknowledgement, filter.Limit, filter.Offset,
        }, session.Transaction)).ToList();

    public Task<InboxItem?> FindAsync(DbSession session, string recipient, Guid id) =>
        session.Connection.QuerySingleOrDefaultAsync<InboxItem>(One, new { Tenant = session.Scope.Code, Recipient = recipient, Id = id }, session.Transaction);

    public Task<long> UnreadCountAsync(DbSession session, string recipient) =>
        session.Connection.ExecuteScalarAsync<long>(Unread, new { Tenant = session.Scope.Code, Recipient = recipient }, session.Transaction);

    public Task MarkReadAsync(DbSession session, string recipient, Guid id, DateTimeOffset at) =>
        session.Connection.ExecuteAsync(MarkRead, new { Tenant = session.Scope.Code, Recipient = recipient, Id = id, At = at }, session.Transaction);

    /// <summary>Acknowledges the item's notification for the whole tenant; a second acknowledgement changes nothing.</summary>
    public Task AcknowledgeAsync(DbSession session, string recipient, Guid id, DateTimeOffset at) =>
        session.Connection.ExecuteAsync(Acknowledge, new { Tenant = session.Scope.Code, By = recipient, Id = id, At = at }, session.Transaction);

    /// <summary>Unacknowledged notifications of every tenant whose window has passed; run under <see cref="RlsWidening.Clock"/>.</summary>
    public async Task<IReadOnlyList<DueAcknowledgement>> DueAsync(DbSession session, DateTimeOffset now) =>
        (await session.Connection.QueryAsync<DueAcknowledgement>(Due, new { Now = now }, session.Transaction)).ToList();

    /// <summary>Records the step and moves the notification to it; <paramref name="next"/> null at the top of the ladder.</summary>
    public async Task EscalateAsync(DbSession session, string tenantCode, Guid id, int step, string role, IReadOnlyList<string> recipients, DateTimeOffset at, DateTimeOffset? next)
    {
        await session.Connection.ExecuteAsync(RecordStep, new
        {
            Id = Guid.CreateVersion7(), NotificationId = id, Tenant = tenantCode, Step = step, Role = role, Recipients = recipients.ToArray(), At = at,
        }, session.Transaction);
        await session.Connection.ExecuteAsync(Escalate, new { Tenant = tenantCode, Id = id, Step = step, Next = next }, session.Transaction);
    }

    /// <summary>Stops a notification's escalation without a step (the ladder has no rung left).</summary>
    public Task StopEscalatingAsync(DbSession session, string tenantCode, Guid id, int step) =>
        session.Connection.ExecuteAsync(Escalate, new { Tenant = tenantCode, Id = id, Step = step, Next = (DateTimeOffset?)null }, session.Transaction);

    /// <summary>The tenants holding a notification about the subject; run under <see cref="RlsWidening.Clock"/>.</summary>
    public async Task<IReadOnlyList<string>> ToldOfAsync(DbSession session, SubjectKind kind, Guid subjectId) =>
        (await session.Connection.QueryAsync<string>(ToldOf, new { Kind = EnumLabel.Of(kind), Id = subjectId }, session.Transaction)).ToList();

    public async Task<IReadOnlyList<EscalationStep>> StepsAsync(DbSession session, Guid notificationId) =>
        (await session.Connection.QueryAsync<StepRow>(Steps, new { Tenant = session.Scope.Code, Id = notificationId }, session.Transaction))
            .Select(r => new EscalationStep(r.NotificationId, r.Step, r.Role, r.Recipients, r.EscalatedAt)).ToList();

    // Dapper fills arrays and timestamps through properties (with the type handlers), not constructors.
    private sealed class StepRow
    {
        public Guid NotificationId { get; set; }
        public int Step { get; set; }
        public string Role { get; set; } = "";
        public string[] Recipients { get; set; } = [];
        public DateTimeOffset EscalatedAt { get; set; }
    }
}
