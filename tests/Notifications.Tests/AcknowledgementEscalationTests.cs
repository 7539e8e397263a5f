using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Notifications.Acknowledgements;
using Fenghuo.Notifications.Data;
using Fenghuo.Testing;

namespace Fenghuo.Notifications.Tests;

/// <summary>An item nobody acknowledges goes up the ladder one role per window; one acknowledgement stops it.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class AcknowledgementEscalationTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task An_unacknowledged_inquiry_goes_to_the_office_director_after_the_window_and_stops_once_acknowledged()
    {
        await using var host = await NotificationsHost.StartAsync(infrastructure);
        var inquiry = new InquirySent(Guid.NewGuid(), "jincheng", "yangcheng", "请核实泄露数据的条数。", host.Clock.GetUtcNow().AddHours(1), "jincheng.duty")
        {
            OccurredAt = host.Clock.GetUtcNow(), TenantCode = "yangcheng", TenantPath = NotificationsHost.YangchengPath,
            IncidentId = Guid.NewGuid(), Number = "阳城-2026-0101",
        };
        await host.PublishAsync(inquiry);
        var duty = await Eventually.Value(() => host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.duty", inquiry.IncidentId),
            i => i.Count == 1, "yangcheng.duty is asked");
        Assert.True(duty.Single().RequiresAcknowledgement);
        Assert.Empty(await host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.director", inquiry.IncidentId));

        host.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var director = await Eventually.Value(() => host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.director", inquiry.IncidentId),
            i => i.Count == 1, "yangcheng.director is told once the duty officer's window passed");
        Assert.Equal(duty.Single().NotificationId, director.Single().NotificationId);
        var steps = await StepsAsync(host, duty.Single().NotificationId);
        var step = Assert.Single(steps);
        Assert.Equal(("office-director", 1), (step.Role, step.Step));
        Assert.Equal(["yangcheng.director"], step.Recipients);
        Assert.Empty(await host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.deputy", inquiry.IncidentId));

        // The director acknowledges; the next window passes and nobody further up is told.
        await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope("yangcheng", NotificationsHost.YangchengPath),
            s => host.Get<NotificationStore>().AcknowledgeAsync(s, "yangcheng.director", director.Single().Id, host.Clock.GetUtcNow()), CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await host.Get<AcknowledgementScheduler>().ScanAsync(CancellationToken.None);

        Assert.Empty(await host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.deputy", inquiry.IncidentId));
        Assert.Single(await StepsAsync(host, duty.Single().NotificationId));
    }

    private static Task<IReadOnlyList<EscalationStep>> StepsAsync(NotificationsHost host, Guid notificationId) =>
        host.Get<TenantDatabase>().InTransactionAsync(new TenantScope("yangcheng", NotificationsHost.YangchengPath),
            s => host.Get<NotificationStore>().StepsAsync(s, notificationId), CancellationToken.None);
}
