using Fenghuo.Contracts.Incidents;
using Fenghuo.Notifications.Mail;
using Fenghuo.Testing;

namespace Fenghuo.Notifications.Tests;

/// <summary>E-mail goes through a real SMTP server (smtp4dev); an outage delays it, nothing is lost or sent twice.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class MailTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task A_drill_escalation_mailed_while_the_smtp_server_is_down_arrives_once_it_is_up_with_its_number_and_drill_mark_in_the_subject()
    {
        var smtpPort = Smtp4dev.FreePort();
        await using var host = await NotificationsHost.StartAsync(infrastructure, new Dictionary<string, string>
        {
            ["Notifications:Mail:Host"] = "127.0.0.1",
            ["Notifications:Mail:Port"] = smtpPort.ToString(),
            ["Notifications:Mail:Security"] = "None",
        });
        var escalated = new IncidentEscalated(Guid.NewGuid(), EscalationKind.Report, "yangcheng", "jincheng", "涉及全市政务外网。", false, "yangcheng.commander")
        {
            OccurredAt = host.Clock.GetUtcNow(), TenantCode = "yangcheng", TenantPath = NotificationsHost.YangchengPath,
            IncidentId = Guid.NewGuid(), Number = "阳城-2026-0207", Exercise = true,
        };
        await host.PublishAsync(escalated);
        await Eventually.Until(async () => (await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", escalated.IncidentId)).Count == 1,
            "jincheng.duty is told");
        var sender = host.Get<MailSender>();

        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));

        await using var smtp = await Smtp4dev.StartAsync(smtpPort);
        // The failed attempt waits its backoff: the server being back changes nothing before then.
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        host.Clock.Advance(TimeSpan.FromSeconds(6));
        await Eventually.Until(async () => await sender.SendDueAsync(CancellationToken.None) == 0
                && (await smtp.MessagesAsync()).Count(m => m.Subject.Contains(escalated.Number)) == 3,
            "the duty officer, office director and commander of jincheng are each mailed once");

        var mails = (await smtp.MessagesAsync()).Where(m => m.Subject.Contains(escalated.Number)).ToList();
        Assert.All(mails, m => Assert.StartsWith("【演练】", m.Subject));
        Assert.Equal(
            ["jincheng.commander@example.gov.cn", "jincheng.director@example.gov.cn", "jincheng.duty@example.gov.cn"],
            mails.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        // Well past the next retry, still inside the acknowledgement window: nothing is mailed again.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        Assert.Equal(3, (await smtp.MessagesAsync()).Count(m => m.Subject.Contains(escalated.Number)));
    }
}
