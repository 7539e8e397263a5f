using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Notifications.Acknowledgements;
using Fenghuo.Notifications.Data;
using Fenghuo.Testing;

namespace Fenghuo.Notifications.Tests;

/// <summary>A tenant's own settings decide who of its users is told and how long an acknowledgement may take.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class TenantSettingsTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task Chengqu_choosing_its_commander_for_inquiries_and_a_one_minute_window_changes_chengqu_only()
    {
        await using var host = await NotificationsHost.StartAsync(infrastructure);
        var chengqu = new TenantScope("chengqu", NotificationsHost.ChengquPath);
        await host.Get<TenantDatabase>().InTransactionAsync(chengqu, s => host.Get<TenantSettingsStore>().SaveAsync(s, "chengqu", NotificationsHost.ChengquPath,
            new TenantSettings(TimeSpan.FromMinutes(1), new Dictionary<string, string[]> { [nameof(InquirySent)] = ["commander"] }, null, null),
            "chengqu.director", host.Clock.GetUtcNow()), CancellationToken.None);

        var toChengqu = Inquiry(host, "chengqu", NotificationsHost.ChengquPath);
        var toYangcheng = Inquiry(host, "yangcheng", NotificationsHost.YangchengPath);
        await host.PublishAsync(toChengqu);
        await host.PublishAsync(toYangcheng);

        await Eventually.Until(async () => (await host.InboxAsync("chengqu", NotificationsHost.ChengquPath, "chengqu.commander", toChengqu.IncidentId)).Count == 1,
            "chengqu's commander is asked, as chengqu chose");
        await Eventually.Until(async () => (await host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.duty", toYangcheng.IncidentId)).Count == 1,
            "yangcheng's duty officer is asked, by default");
        Assert.Empty(await host.InboxAsync("chengqu", NotificationsHost.ChengquPath, "chengqu.duty", toChengqu.IncidentId));
        Assert.Empty(await host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.commander", toYangcheng.IncidentId));

        // Past chengqu's one minute, inside the default five: only chengqu's item goes up a rung.
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        await host.Get<AcknowledgementScheduler>().ScanAsync(CancellationToken.None);
        await Eventually.Until(async () => (await host.InboxAsync("chengqu", NotificationsHost.ChengquPath, "chengqu.director", toChengqu.IncidentId)).Count == 1,
            "chengqu's office director is told after chengqu's window");
        Assert.Empty(await host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.director", toYangcheng.IncidentId));
    }

    private static InquirySent Inquiry(NotificationsHost host, string tenant, string path) =>
        new(Guid.NewGuid(), "jincheng", tenant, "请核实受影响的系统。", host.Clock.GetUtcNow().AddHours(1), "jincheng.duty")
        {
            OccurredAt = host.Clock.GetUtcNow(), TenantCode = tenant, TenantPath = path, IncidentId = Guid.NewGuid(), Number = $"测试-2026-{Random.Shared.Next(1000, 9999)}",
        };
}
