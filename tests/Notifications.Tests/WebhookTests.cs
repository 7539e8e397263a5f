using System.Net;
using System.Text.Json;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Notifications.Data;
using Fenghuo.Notifications.Webhooks;
using Fenghuo.Testing;

namespace Fenghuo.Notifications.Tests;

/// <summary>Webhooks get signed Standard Webhooks messages, retried on failure, and are disabled with a notice when they never answer.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class WebhookTests(PlatformInfrastructure infrastructure)
{
    private static readonly TenantScope Jincheng = new("jincheng", NotificationsHost.JinchengPath);

    [Fact]
    public async Task An_escalation_reaches_the_webhook_signed_and_a_target_answering_500_first_gets_it_on_the_retry()
    {
        await using var host = await NotificationsHost.StartAsync(infrastructure);
        await using var target = new WebhookReceiver(HttpStatusCode.InternalServerError);
        var (webhook, secret) = await RegisterAsync(host, target.Url, [nameof(IncidentEscalated)]);
        var escalated = Escalation(host);

        await host.PublishAsync(escalated);
        var first = await Eventually.Value(async () =>
        {
            await host.Get<WebhookSender>().SendDueAsync(CancellationToken.None);
            return target.Received;
        }, r => r.Count >= 1, "the webhook is called");
        Assert.Equal(HttpStatusCode.InternalServerError, first[0].Answered);

        host.Clock.Advance(TimeSpan.FromSeconds(6));
        var both = await Eventually.Value(async () =>
        {
            await host.Get<WebhookSender>().SendDueAsync(CancellationToken.None);
            return target.Received;
        }, r => r.Count >= 2, "the webhook is called again after the first wait");

        Assert.Equal(2, both.Count);
        Assert.Equal(HttpStatusCode.OK, both[1].Answered);
        Assert.Equal(both[0].Id, both[1].Id);
        Assert.True(both[1].IsSignedWith(secret), "the Standard Webhooks library accepts the signature");
        Assert.False(both[1].IsSignedWith(WebhookSecret.New()), "another secret does not");
        var payload = JsonDocument.Parse(both[1].Body).RootElement;
        Assert.Equal(nameof(IncidentEscalated), payload.GetProperty("type").GetString());
        Assert.Equal(escalated.Number, payload.GetProperty("data").GetProperty("subjectNumber").GetString());
        Assert.Equal($"/api/incidents/{escalated.IncidentId}", payload.GetProperty("data").GetProperty("link").GetString());

        // The hosted sender may be the one that made the second call: the target has it before the sender records its outcome.
        var attempts = await Eventually.Value(() => DeliveriesAsync(host, new DeliveryFilter("webhook", null, null, null, webhook, 50, 0)),
            a => a.Count == 2, "both attempts are recorded");
        Assert.Equal(["delivered", "failed"], attempts.Select(a => a.Outcome));
        Assert.Equal([2, 1], attempts.Select(a => a.Attempt));

        host.Clock.Advance(TimeSpan.FromHours(30));
        await host.Get<WebhookSender>().SendDueAsync(CancellationToken.None);
        Assert.Equal(2, target.Received.Count);
    }

    [Fact]
    public async Task A_target_that_never_answers_is_retried_on_the_schedule_then_disabled_and_the_director_told()
    {
        await using var host = await NotificationsHost.StartAsync(infrastructure, new Dictionary<string, string>
        {
            ["Notifications:Webhooks:RetrySchedule:0"] = "00:01:00",
            ["Notifications:Webhooks:RetrySchedule:1"] = "00:10:00",
        });
        await using var target = new WebhookReceiver { Always = HttpStatusCode.ServiceUnavailable };
        var (webhook, _) = await RegisterAsync(host, target.Url, ["*"]);
        var escalated = Escalation(host);
        await host.PublishAsync(escalated);

        await Eventually.Until(async () =>
        {
            await host.Get<WebhookSender>().SendDueAsync(CancellationToken.None);
            return target.Received.Count == 1;
        }, "the first attempt");
        // Before its wait is over nothing is tried; after it, the next attempt is.
        host.Clock.Advance(TimeSpan.FromSeconds(50));
        await host.Get<WebhookSender>().SendDueAsync(CancellationToken.None);
        Assert.Single(target.Received);
        foreach (var (wait, count) in new[] { (TimeSpan.FromSeconds(11), 2), (TimeSpan.FromMinutes(10), 3) })
        {
            host.Clock.Advance(wait);
            await Eventually.Until(async () =>
            {
                await host.Get<WebhookSender>().SendDueAsync(CancellationToken.None);
                return target.Received.Count == count;
            }, $"attempt {count}");
        }

        // The hosted sender may be the one that made the last attempt: the target has its call before the sender commits the disabling.
        await Eventually.Until(async () => (await host.Get<TenantDatabase>().InTransactionAsync(Jincheng,
            s => host.Get<WebhookStore>().FindAsync(s, webhook), CancellationToken.None))!.Enabled == false, "the webhook is disabled after its last attempt");
        var notice = await Eventually.Value(() => host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.director", webhook),
            i => i.Count == 1, "jincheng's office director is told the webhook was disabled");
        Assert.Equal(WebhookSender.DisabledEvent, notice.Single().EventType);
        var attempts = await DeliveriesAsync(host, new DeliveryFilter("webhook", null, null, null, webhook, 50, 0));
        Assert.Equal(["abandoned", "failed", "failed"], attempts.Select(a => a.Outcome));

        // Disabled, it is called no more.
        var later = Escalation(host);
        await host.PublishAsync(later);
        await Eventually.Until(async () => (await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", later.IncidentId)).Count == 1,
            "jincheng.duty is told of the later escalation");
        host.Clock.Advance(TimeSpan.FromHours(1));
        await host.Get<WebhookSender>().SendDueAsync(CancellationToken.None);
        Assert.Equal(3, target.Received.Count);
    }

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("http://user:pw@example.com/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    public async Task Targets_outside_the_public_internet_are_refused_unless_allowed(string url)
    {
        var targets = new WebhookTargets(new WebhookOptions());
        Assert.NotNull(await targets.RefusalAsync(new Uri(url), CancellationToken.None));
    }

    [Fact]
    public async Task Loopback_is_allowed_only_by_the_development_setting_and_private_ranges_stay_refused()
    {
        var development = new WebhookTargets(new WebhookOptions { AllowLoopback = true });
        Assert.Null(await development.RefusalAsync(new Uri("http://127.0.0.1:9000/hook"), CancellationToken.None));
        Assert.Null(await development.RefusalAsync(new Uri("http://localhost:9000/hook"), CancellationToken.None));
        Assert.NotNull(await development.RefusalAsync(new Uri("http://10.0.0.5/hook"), CancellationToken.None));
        Assert.True(new WebhookTargets(new WebhookOptions()).Allowed(IPAddress.Parse("93.184.216.34")));
    }

    private static IncidentEscalated Escalation(NotificationsHost host) =>
        new(Guid.NewGuid(), EscalationKind.Report, "yangcheng", "jincheng", "涉及全市政务外网。", false, "yangcheng.commander")
        {
            OccurredAt = host.Clock.GetUtcNow(), TenantCode = "yangcheng", TenantPath = NotificationsHost.YangchengPath,
            IncidentId = Guid.NewGuid(), Number = $"阳城-2026-{Random.Shared.Next(1000, 9999)}",
        };

    private static async Task<(Guid Id, string Secret)> RegisterAsync(NotificationsHost host, Uri url, string[] events)
    {
        var id = Guid.CreateVersion7();
        var secret = WebhookSecret.New();
        await host.Get<TenantDatabase>().InTransactionAsync(Jincheng,
            s => host.Get<WebhookStore>().AddAsync(s, id, url, events, "市网信办值班系统", secret, "jincheng.director", host.Clock.GetUtcNow()), CancellationToken.None);
        return (id, secret);
    }

    private static Task<IReadOnlyList<DeliveryAttempt>> DeliveriesAsync(NotificationsHost host, DeliveryFilter filter) =>
        host.Get<TenantDatabase>().InTransactionAsync(Jincheng, s => host.Get<DeliveryLog>().ListAsync(s, filter), CancellationToken.None);
}
