using System.Globalization;
using System.Text;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Notifications.Data;
using Fenghuo.Notifications.Domain;
using Fenghuo.Notifications.Messaging;
using Fenghuo.Notifications.Recipients;
using Fenghuo.ServiceDefaults.Auth;
using StandardWebhooks;

namespace Fenghuo.Notifications.Webhooks;

/// <summary>
/// Posts due webhook messages, signed per the Standard Webhooks spec (webhook-id, webhook-timestamp,
/// webhook-signature v1 HMAC-SHA256), on the service's TimeProvider. A 2xx answer delivers it;
/// anything else waits the next step of <see cref="WebhookOptions.RetrySchedule"/>; after the last
/// the message is given up, the webhook disabled, and the tenant's office director and commander told.
/// </summary>
public sealed class WebhookSender(
    TenantDatabase database,
    WebhookStore store,
    NotificationStore notifications,
    Teller teller,
    DeliveryLog log,
    IRecipientDirectory recipients,
    IHttpClientFactory clients,
    WebhookOptions options,
    TimeProvider time,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string Client = "webhooks";

    public const string DisabledEvent = "WebhookDisabled";

    private static readonly string[] Told = [Roles.OfficeDirector, Roles.Commander];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.ScanMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Webhook run failed; trying again in {Interval}", interval);
            }
            await Task.Delay(interval, time, stoppingToken);
        }
    }

    /// <summary>One run over the due messages; returns how many were delivered.</summary>
    public Task<int> SendDueAsync(CancellationToken ct) =>
        database.InTransactionAsync(TenantScope.None, async session =>
        {
            var due = await TenantDatabase.WidenedAsync(session, RlsWidening.Clock, () => store.DueAsync(session, time.GetUtcNow()));
            var delivered = 0;
            foreach (var message in due)
            {
                await TenantDatabase.UseScopeAsync(session, new TenantScope(message.TenantCode, message.TenantPath));
                var attempt = message.Attempts + 1;
                if (!message.Enabled)
                {
                    await store.RetryAsync(session, message, null, time.GetUtcNow());
                    await log.RecordAsync(session, message.NotificationId, DeliveryChannel.Webhook, message.Url, attempt, DeliveryOutcome.Abandoned,
                        "webhook disabled", time.GetUtcNow(), message.WebhookId);
                    continue;
                }
                var (ok, detail) = await PostAsync(message, ct);
                var now = time.GetUtcNow();
                if (ok)
                {
                    await store.DeliveredAsync(session, message, now);
                    await log.RecordAsync(session, message.NotificationId, DeliveryChannel.Webhook, message.Url, attempt, DeliveryOutcome.Delivered, detail, now, message.WebhookId);
                    delivered++;
                    continue;
                }
                if (attempt <= options.Retries.Count)
                {
                    var next = now + options.Retries[attempt - 1];
                    await store.RetryAsync(session, message, next, now);
                    await log.RecordAsync(session, message.NotificationId, DeliveryChannel.Webhook, message.Url, attempt, DeliveryOutcome.Failed,
                        $"{detail}; next attempt {next:O}", now, message.WebhookId);
                    continue;
                }
                await store.RetryAsync(session, message, null, now);
                await log.RecordAsync(session, message.NotificationId, DeliveryChannel.Webhook, message.Url, attempt, DeliveryOutcome.Abandoned, detail, now, message.WebhookId);
                await DisableAsync(session, message, detail, now, ct);
            }
            return delivered;
        }, ct);

    private async Task<(bool Ok, string Detail)> PostAsync(DueWebhookMessage message, CancellationToken ct)
    {
        var timestamp = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url)
        {
            Content = new StringContent(message.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", message.Id.ToString());
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(message.Secret).Sign(message.Id.ToString(), timestamp, message.Payload));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
            using var response = await clients.CreateClient(Client).SendAsync(request, timeout.Token);
            return (response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogInformation("Webhook {Webhook} not reached: {Error}", message.WebhookId, e.Message);
            return (false, e is OperationCanceledException ? "timed out" : e.Message);
        }
    }

    /// <summary>Disables the webhook and tells the tenant's office director and commander, in their inbox and by e-mail.</summary>
    private async Task DisableAsync(DbSession session, DueWebhookMessage message, string detail, DateTimeOffset now, CancellationToken ct)
    {
        var reason = $"{options.Retries.Count + 1} 次投递均失败（{detail}）";
        await store.SetEnabledAsync(session, message.TenantCode, message.WebhookId, false, reason, now);
        logger.LogWarning("Webhook {Webhook} of {Tenant} disabled after {Attempts} failed attempts", message.WebhookId, message.TenantCode, message.Attempts + 1);
        var notice = new Message(SubjectKind.Webhook, message.WebhookId, message.Url, "回调地址已停用",
            $"回调地址 {message.Url} 对 {message.SubjectNumber} 的通知{reason}，已自动停用。修复后请重新启用。");
        if (await notifications.AddAsync(session, message.Id, DisabledEvent, message.TenantCode, message.TenantPath, notice, false, now, null) is not { } id)
        {
            return;
        }
        foreach (var role in Told)
        {
            foreach (var user in await recipients.UsersAsync(message.TenantCode, role, ct))
            {
                await teller.TellAsync(session, id, message.TenantCode, message.TenantPath, user, notice, now);
            }
        }
    }
}
