using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Testing;

namespace Fenghuo.Notifications.Tests;

/// <summary>Warnings reach every receiving tenant's duty officer and office director; drill injects reach the target's duty officers, marked 演练.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class WarningAndDrillRuleTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task A_warning_issued_to_jincheng_and_yangcheng_asks_both_for_acknowledgement_and_its_lifting_reaches_the_same_tenants_only()
    {
        await using var host = await NotificationsHost.StartAsync(infrastructure);
        var warningId = Guid.NewGuid();
        var now = host.Clock.GetUtcNow();
        await host.PublishAsync(new WarningIssued("III", "三级（黄色）预警", "勒索病毒 LockBit 新变种针对政务外网", "malware", WarningPublicity.Internal, false,
            now, now.AddDays(3), ["jincheng", "yangcheng"], "shanxi", "jincheng.director")
        {
            OccurredAt = now, TenantCode = "jincheng", TenantPath = NotificationsHost.JinchengPath, WarningId = warningId, Number = "晋城-预警-2026-0003",
        });

        foreach (var (tenant, path) in new[] { ("jincheng", NotificationsHost.JinchengPath), ("yangcheng", NotificationsHost.YangchengPath) })
        {
            foreach (var user in new[] { $"{tenant}.duty", $"{tenant}.director" })
            {
                var item = (await Eventually.Value(() => host.InboxAsync(tenant, path, user, warningId), i => i.Count == 1, $"{user} is told of the warning")).Single();
                Assert.True(item.RequiresAcknowledgement);
                Assert.Equal("warning", item.SubjectKind);
                Assert.Contains("晋城-预警-2026-0003", item.Title);
            }
        }

        await host.PublishAsync(new WarningLifted("III", "威胁已消除", "jincheng.director")
        {
            OccurredAt = now, TenantCode = "jincheng", TenantPath = NotificationsHost.JinchengPath, WarningId = warningId, Number = "晋城-预警-2026-0003",
        });
        await Eventually.Until(async () => (await host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.duty", warningId)).Count == 2,
            "yangcheng.duty is told the warning was lifted");
        Assert.Equal(2, (await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.director", warningId)).Count);
        Assert.Empty(await host.InboxAsync("chengqu", NotificationsHost.ChengquPath, "chengqu.duty", warningId));
    }

    [Fact]
    public async Task A_drill_inject_reaches_the_target_participants_duty_officer_marked_as_a_drill_linking_to_the_exercise()
    {
        await using var host = await NotificationsHost.StartAsync(infrastructure);
        var exerciseId = Guid.NewGuid();
        var now = host.Clock.GetUtcNow();
        await host.PublishAsync(new InjectDelivered(Guid.NewGuid(), new ExerciseParticipant("yangcheng", NotificationsHost.YangchengPath), "门户网站被篡改",
            "县政府门户网站首页出现非法标语。", "30 分钟内完成研判并向市级报告。",
            new DrillIncident("network_attack", "web_defacement", Grade.General, "门户网站被篡改", now))
        {
            OccurredAt = now, TenantCode = "jincheng", TenantPath = NotificationsHost.JinchengPath, ExerciseId = exerciseId, Title = "2026 年网络安全应急演练",
        });

        var item = (await Eventually.Value(() => host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.duty", exerciseId),
            i => i.Count == 1, "yangcheng.duty gets the inject")).Single();
        Assert.StartsWith("【演练】", item.Title);
        Assert.StartsWith("【演练】", item.Body);
        Assert.Equal("exercise", item.SubjectKind);
        Assert.Empty(await host.InboxAsync("yangcheng", NotificationsHost.YangchengPath, "yangcheng.director", exerciseId));
        Assert.Empty(await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", exerciseId));
    }
}
