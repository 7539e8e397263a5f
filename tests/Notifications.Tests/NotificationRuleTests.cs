using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Notifications.Data;
using Fenghuo.Testing;

namespace Fenghuo.Notifications.Tests;

/// <summary>Events published on the real broker become inbox items for exactly the users the rules name, once.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class NotificationRuleTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task An_escalation_reaches_the_receiving_commands_duty_director_and_commander_with_acknowledgement_required_once_and_nobody_else()
    {
        await using var host = await NotificationsHost.StartAsync(infrastructure);
        var escalated = Escalated(host, "阳城-2026-0001");

        await host.PublishAsync(escalated);
        var items = await Eventually.Value(() => host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", escalated.IncidentId),
            i => i.Count == 1, "jincheng.duty is told of the escalation");

        var item = items.Single();
        Assert.True(item.RequiresAcknowledgement);
        Assert.Equal(escalated.IncidentId, item.SubjectId);
        Assert.Contains("阳城-2026-0001", item.Title);
        Assert.Single(await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.director", escalated.IncidentId));
        Assert.Single(await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.commander", escalated.IncidentId));

        // The same event again (a redelivery), then a marker: once the marker is in, the redelivery has been handled.
        await host.PublishAsync(escalated);
        var marker = Escalated(host, "阳城-2026-0002");
        await host.PublishAsync(marker);
        await Eventually.Until(async () => (await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", marker.IncidentId)).Count == 1,
            "the marker reaches jincheng.duty");

        Assert.Single(await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", escalated.IncidentId));
        Assert.Empty(await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.deputy", escalated.IncidentId));
        Assert.Empty(await host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.duty", escalated.IncidentId));
        Assert.Empty(await host.InboxAsync("chengqu", NotificationsHost.ChengquPath, "chengqu.duty", escalated.IncidentId));
        // The same username under another tenant's scope reads nothing: rows are the tenant's own.
        Assert.Empty(await host.InboxAsync("chengqu", NotificationsHost.ChengquPath, "jincheng.duty", escalated.IncidentId));
    }

    [Fact]
    public async Task A_missed_deadline_reaches_the_owing_tenant_and_its_parents_duty_officers_without_acknowledgement()
    {
        await using var host = await NotificationsHost.StartAsync(infrastructure);
        var missed = new DeadlineMissed(Guid.NewGuid(), DeadlineKind.ReportUpward, "yangcheng", host.Clock.GetUtcNow())
        {
            OccurredAt = host.Clock.GetUtcNow(), TenantCode = "yangcheng", TenantPath = NotificationsHost.YangchengPath,
            IncidentId = Guid.NewGuid(), Number = "阳城-2026-0003",
        };

        await host.PublishAsync(missed);

        var parent = await Eventually.Value(() => host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", missed.IncidentId),
            i => i.Count == 1, "jincheng.duty is told its county missed a deadline");
        Assert.False(parent.Single().RequiresAcknowledgement);
        Assert.Contains("向上级报告", parent.Single().Body);
        // Named as duty officers know it: 阳城县, not its code.
        Assert.StartsWith("阳城县 未在", parent.Single().Body);
        Assert.Single(await host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.duty", missed.IncidentId));
        Assert.Single(await host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.director", missed.IncidentId));
        Assert.Empty(await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.director", missed.IncidentId));
        Assert.Empty(await host.InboxAsync("chengqu", NotificationsHost.ChengquPath, "chengqu.duty", missed.IncidentId));
    }

    [Fact]
    public async Task One_acknowledgement_by_any_recipient_at_the_tenant_acknowledges_the_item_for_all_of_them_and_nobody_elsewhere_can()
    {
        await using var host = await NotificationsHost.StartAsync(infrastructure);
        var escalated = Escalated(host, "阳城-2026-0004");
        await host.PublishAsync(escalated);
        var duty = await Eventually.Value(() => host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", escalated.IncidentId, requiringAcknowledgement: true),
            i => i.Count == 1, "jincheng.duty has an item awaiting acknowledgement");
        var database = host.Get<TenantDatabase>();
        var store = host.Get<NotificationStore>();

        // Another tenant's user naming the item's id changes nothing.
        await database.InTransactionAsync(new Fenghuo.BuildingBlocks.Data.TenantScope("chengqu", NotificationsHost.ChengquPath),
            s => store.AcknowledgeAsync(s, "chengqu.duty", duty.Single().Id, host.Clock.GetUtcNow()), CancellationToken.None);
        Assert.Single(await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", escalated.IncidentId, requiringAcknowledgement: true));

        var director = (await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.director", escalated.IncidentId)).Single();
        await database.InTransactionAsync(new Fenghuo.BuildingBlocks.Data.TenantScope("jincheng", NotificationsHost.JinchengPath),
            s => store.AcknowledgeAsync(s, "jincheng.director", director.Id, host.Clock.GetUtcNow()), CancellationToken.None);

        Assert.Empty(await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", escalated.IncidentId, requiringAcknowledgement: true));
        Assert.Equal("jincheng.director", (await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", escalated.IncidentId)).Single().AcknowledgedBy);
    }

    [Fact]
    public async Task A_tenant_moving_in_the_tree_takes_its_notifications_along()
    {
        await using var host = await NotificationsHost.StartAsync(infrastructure);
        var escalated = Escalated(host, "阳城-2026-0005");
        await host.PublishAsync(escalated);
        await Eventually.Until(async () => (await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", escalated.IncidentId)).Count == 1,
            "jincheng.duty is told");

        // What the tenant directory replica does for every tenant table when Jurisdictions moves a tenant.
        var state = new Fenghuo.Contracts.Tenancy.JurisdictionState("jincheng", "晋城市", Fenghuo.Contracts.Tenancy.JurisdictionKind.City, "shanxi",
            NotificationsHost.JinchengPath, Fenghuo.Contracts.Tenancy.JurisdictionStatus.Active, null, 2);
        await host.Get<TenantDatabase>().InTransactionAsync(TenantScope.None,
            s => Fenghuo.BuildingBlocks.Tenancy.TenantRelocation.FollowAsync(s, state), CancellationToken.None);

        Assert.Single(await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", escalated.IncidentId));
    }

    [Fact]
    public async Task An_event_that_comes_before_its_tenant_is_known_tells_that_tenant_once_the_directory_knows_it()
    {
        await using var host = await NotificationsHost.StartAsync(infrastructure);
        // A fresh install: the energy bureau's deadline is missed before this service has heard of the bureau.
        var early = Missed(host, "jincheng_energy", "shanxi.jincheng.jincheng_energy", "晋城能源-2026-0001");
        await host.PublishAsync(early);
        // Behind it in the same queue, a known tenant's: once that is in, the early one has been tried.
        var marker = Missed(host, "yangcheng", NotificationsHost.YangchengPath, "阳城-2026-0006");
        await host.PublishAsync(marker);
        await Eventually.Until(async () => (await host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.duty", marker.IncidentId)).Count == 1,
            "the marker reaches yangcheng.duty");
        Assert.Empty(await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", early.IncidentId));

        await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope("jincheng_energy", "shanxi.jincheng.jincheng_energy"), session =>
            host.Get<TenantDirectory>().ApplyAsync(session, new JurisdictionState("jincheng_energy", "晋城市能源局", JurisdictionKind.Bureau, "jincheng",
                "shanxi.jincheng.jincheng_energy", JurisdictionStatus.Active, null, 1)), CancellationToken.None);

        await Eventually.Until(async () => (await host.InboxAsync("jincheng_energy", "shanxi.jincheng.jincheng_energy", "jincheng_energy.duty", early.IncidentId)).Count == 1,
            "jincheng_energy.duty is told of its missed deadline once the bureau is known");
        Assert.Single(await host.InboxAsync("jincheng_energy", "shanxi.jincheng.jincheng_energy", "jincheng_energy.director", early.IncidentId));
        // The tries before the bureau was known told nobody: its parent hears of it once.
        Assert.Single(await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", early.IncidentId));
    }

    private static DeadlineMissed Missed(NotificationsHost host, string owedBy, string path, string number) =>
        new(Guid.NewGuid(), DeadlineKind.ReportUpward, owedBy, host.Clock.GetUtcNow())
        {
            OccurredAt = host.Clock.GetUtcNow(), TenantCode = owedBy, TenantPath = path, IncidentId = Guid.NewGuid(), Number = number,
        };

    private static IncidentEscalated Escalated(NotificationsHost host, string number) =>
        new(Guid.NewGuid(), EscalationKind.Support, "yangcheng", "jincheng", "启动Ⅰ级响应，请求上级支援", true, "yangcheng.commander")
        {
            OccurredAt = host.Clock.GetUtcNow(), TenantCode = "yangcheng", TenantPath = NotificationsHost.YangchengPath,
            IncidentId = Guid.NewGuid(), Number = number,
        };
}
