using System.Net.Sockets;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Notifications.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Fenghuo.Notifications.Mail;

/// <summary>
/// Sends the outbox's due mail over SMTP (MailKit) on the service's TimeProvider. A row is marked
/// sent only once the server accepted it; a server that is down or refuses leaves it for a later
/// attempt, further off each time. Each mail's Message-Id is its outbox id, so should a commit fail
/// after the server accepted one, the server and the reader see the resend as the same message.
/// </summary>
public sealed class MailSender(TenantDatabase database, MailOutbox outbox, DeliveryLog log, MailOptions options, TimeProvider time, ILogger<MailSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogInformation("No SMTP server configured (Notifications__Mail__Host); notifications are not e-mailed");
            return;
        }
        var interval = TimeSpan.FromMilliseconds(options.ScanMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Mail run failed; trying again in {Interval}", interval);
            }
            await Task.Delay(interval, time, stoppingToken);
        }
    }

    /// <summary>One run over the due mail; returns how many the server accepted.</summary>
    public Task<int> SendDueAsync(CancellationToken ct) =>
        database.InTransactionAsync(TenantScope.None, async session =>
        {
            var now = time.GetUtcNow();
            var due = await TenantDatabase.WidenedAsync(session, RlsWidening.Clock, () => outbox.DueAsync(session, now));
            if (due.Count == 0)
            {
                return 0;
            }
            using var client = new SmtpClient { Timeout = 30_000 };
            string? unreachable = null;
            try
            {
                await client.ConnectAsync(options.Host, options.Port, options.Security, ct);
                if (!string.IsNullOrEmpty(options.UserName))
                {
                    await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
                }
            }
            catch (Exception e) when (IsMailFailure(e))
            {
                unreachable = e.Message;
                logger.LogWarning("SMTP server {Host}:{Port} unreachable ({Error}); {Count} e-mails wait", options.Host, options.Port, e.Message, due.Count);
            }
            var sent = 0;
            foreach (var mail in due)
            {
                await TenantDatabase.UseScopeAsync(session, new TenantScope(mail.TenantCode, mail.TenantPath));
                if (unreachable is not null)
                {
                    await FailedAsync(session, mail, unreachable, now);
                    continue;
                }
                try
                {
                    await client.SendAsync(Compose(mail), ct);
                    await outbox.SentAsync(session, mail, time.GetUtcNow());
                    await log.RecordAsync(session, mail.NotificationId, DeliveryChannel.Email, mail.Address, mail.Attempts + 1, DeliveryOutcome.Delivered, null, time.GetUtcNow());
                    sent++;
                }
                catch (Exception e) when (IsMailFailure(e))
                {
                    logger.LogWarning("E-mail {Id} to {Address} not accepted ({Error}); it is tried again", mail.Id, mail.Address, e.Message);
                    await FailedAsync(session, mail, e.Message, now);
                }
            }
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true, ct);
            }
            return sent;
        }, ct);

    private async Task FailedAsync(DbSession session, OutgoingMail mail, string error, DateTimeOffset now)
    {
        var next = await outbox.FailedAsync(session, mail, error, now);
        await log.RecordAsync(session, mail.NotificationId, DeliveryChannel.Email, mail.Address, mail.Attempts + 1, DeliveryOutcome.Failed,
            $"{error}; next attempt {next:O}", now);
    }

    private MimeMessage Compose(OutgoingMail mail)
    {
        var message = new MimeMessage
        {
            MessageId = $"{mail.Id:N}@notifications.fenghuo",
            Subject = mail.Subject,
            Body = new TextPart("plain") { Text = mail.Body },
        };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(mail.Address));
        return message;
    }

    private static bool IsMailFailure(Exception e) =>
        e is SocketException or IOException or TimeoutException or SmtpCommandException or SmtpProtocolException
            or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or ParseException;
}
