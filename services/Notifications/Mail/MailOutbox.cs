using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Notifications.Domain;
using Fenghuo.Notifications.Recipients;

namespace Fenghuo.Notifications.Mail;

/// <summary>
/// E-mails waiting for the SMTP server, one per (notification, recipient), written in the
/// transaction that tells the user: a redelivered event mails nobody twice, an outage loses nothing.
/// </summary>
public sealed class MailOutbox(MailOptions options)
{
    private const string Insert = """
        insert into mail_outbox (id, notification_id, tenant_code, tenant_path, recipient, address, subject, body, created_at, next_attempt_at)
        values (@Id, @NotificationId, @TenantCode, @TenantPath::ltree, @Recipient, @Address, @Subject, @Body, @At, @At)
        on conflict (notification_id, recipient) do nothing
        """;

    // Several replicas' senders never take the same row: each locks what it sends until it commits.
    private const string Due = """
        select id as Id, notification_id as NotificationId, tenant_code as TenantCode, tenant_path::text as TenantPath, address as Address,
               subject as Subject, body as Body, attempts as Attempts
        from mail_outbox
        where sent_at is null and next_attempt_at <= @Now
        order by next_attempt_at
        limit 50
        for update skip locked
        """;

    private const string MarkSent = """
        update mail_outbox set sent_at = @At, attempts = attempts + 1, next_attempt_at = null, last_error = null
        where tenant_code = @Tenant and id = @Id
        """;

    private const string MarkFailed = """
        update mail_outbox set attempts = attempts + 1, next_attempt_at = @Next, last_error = @Error
        where tenant_code = @Tenant and id = @Id
        """;

    /// <summary>Queues the e-mail for a user who has a mailbox, when e-mail is configured at all.</summary>
    public async Task EnqueueAsync(DbSession session, Guid notificationId, string tenantCode, string tenantPath, Recipient recipient, Message message, DateTimeOffset at)
    {
        if (!options.Enabled || string.IsNullOrWhiteSpace(recipient.Email))
        {
            return;
        }
        await session.Connection.ExecuteAsync(Insert, new
        {
            Id = Guid.CreateVersion7(),
            NotificationId = notificationId,
            TenantCode = tenantCode,
            TenantPath = tenantPath,
            Recipient = recipient.Username,
            Address = recipient.Email,
            Subject = message.Title,
            Body = $"{message.Body}\n\n事件编号：{message.SubjectNumber}\n查看：{message.Link}\n\n（烽火应急平台自动发送，请在平台内签收。）",
            At = at,
        }, session.Transaction);
    }

    /// <summary>Unsent mail of every tenant whose time has come; run under <see cref="RlsWidening.Clock"/>.</summary>
    public async Task<IReadOnlyList<OutgoingMail>> DueAsync(DbSession session, DateTimeOffset now) =>
        (await session.Connection.QueryAsync<OutgoingMail>(Due, new { Now = now }, session.Transaction)).ToList();

    public Task SentAsync(DbSession session, OutgoingMail mail, DateTimeOffset at) =>
        session.Connection.ExecuteAsync(MarkSent, new { Tenant = mail.TenantCode, mail.Id, At = at }, session.Transaction);

    /// <returns>When it is tried again.</returns>
    public async Task<DateTimeOffset> FailedAsync(DbSession session, OutgoingMail mail, string error, DateTimeOffset now)
    {
        var next = now + options.RetryAfter(mail.Attempts + 1);
        await session.Connection.ExecuteAsync(MarkFailed, new { Tenant = mail.TenantCode, mail.Id, Error = error, Next = next }, session.Transaction);
        return next;
    }
}

/// <summary>One queued e-mail as the sender takes it.</summary>
public sealed record OutgoingMail(Guid Id, Guid NotificationId, string TenantCode, string TenantPath, string Address, string Subject, string Body, int Attempts);
