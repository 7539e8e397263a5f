using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Summaries.Apis;
using Fenghuo.Summaries.Projection;
using Fenghuo.Testing;

namespace Fenghuo.Summaries.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class ReadModelTests(PlatformInfrastructure infrastructure)
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_province_sees_each_city_with_its_children_and_drills_apart_from_real_figures()
    {
        await using var host = await SummariesHost.StartAsync(infrastructure, Now);
        await ReportAsync(host, host.Reported("yangcheng"), host.Reported("yangcheng", Grade.Major), host.Reported("chengqu"),
            host.Reported("jincheng_energy"), host.Reported("yangcheng", drill: true), host.Reported("xinzhou"));

        var overview = await Eventually.Value(() => host.OverviewAsync("shanxi"), o => o?.Root.Subtree.Incidents.Total == 5,
            "the province's overview counts the five real reports");
        var jincheng = overview!.Root.Children.Single(c => c.Code == "jincheng");
        Assert.Equal(["chengqu", "jincheng_energy", "yangcheng"], jincheng.Children.Select(c => c.Code).Order().ToArray());
        Assert.Equal(4, jincheng.Subtree.Incidents.Total);
        Assert.Equal(0, jincheng.Own.Incidents.Total);
        var yangcheng = jincheng.Children.Single(c => c.Code == "yangcheng");
        Assert.Equal(2, yangcheng.Own.Incidents.Total);
        Assert.Equal(1, yangcheng.Own.Incidents.Drills);
        Assert.Contains(yangcheng.Own.Incidents.ByGrade, g => g.Label == "重大" && g.Count == 1);
        Assert.Equal(1, overview.Root.Children.Single(c => c.Code == "xinzhou").Subtree.Incidents.Total);
    }

    [Fact]
    public async Task A_county_sees_only_itself_and_a_sibling_root_is_not_found()
    {
        await using var host = await SummariesHost.StartAsync(infrastructure, Now);
        await ReportAsync(host, host.Reported("yangcheng"), host.Reported("chengqu"));
        await Eventually.Value(() => host.OverviewAsync("jincheng"), o => o?.Root.Subtree.Incidents.Total == 2, "both reports are projected");

        var yangcheng = await host.OverviewAsync("yangcheng");
        Assert.Equal("yangcheng", yangcheng!.Root.Code);
        Assert.Empty(yangcheng.Root.Children);
        Assert.Equal(1, yangcheng.Root.Subtree.Incidents.Total);
        Assert.Null(await host.OverviewAsync("yangcheng", root: "chengqu"));
        Assert.Null(await host.OverviewAsync("yangcheng", root: "jincheng"));
    }

    [Fact]
    public async Task Report_clocks_count_as_met_missed_or_open_with_minutes_late()
    {
        await using var host = await SummariesHost.StartAsync(infrastructure, Now);
        var inTime = host.Reported("yangcheng");
        var late = host.Reported("yangcheng");
        var open = host.Reported("yangcheng");
        await ReportAsync(host, inTime, late, open);
        await host.PublishAsync(new IncidentEscalated(Guid.CreateVersion7(), EscalationKind.Report, "yangcheng", "jincheng", "上报", false, "yangcheng.duty")
        {
            OccurredAt = Now.AddMinutes(20), TenantCode = "yangcheng", TenantPath = "shanxi.jincheng.yangcheng", IncidentId = inTime.IncidentId, Number = inTime.Number,
        });
        await host.PublishAsync(new EscalationAcknowledged("jincheng", "jincheng.duty")
        {
            OccurredAt = Now.AddMinutes(30), TenantCode = "yangcheng", TenantPath = "shanxi.jincheng.yangcheng", IncidentId = inTime.IncidentId, Number = inTime.Number,
        });
        await host.PublishAsync(new DeadlineMissed(Guid.CreateVersion7(), DeadlineKind.ReportUpward, "yangcheng", late.ReportUpwardDueAt!.Value)
        {
            OccurredAt = Now.AddHours(1), TenantCode = "yangcheng", TenantPath = "shanxi.jincheng.yangcheng", IncidentId = late.IncidentId, Number = late.Number,
        });
        await host.PublishAsync(new IncidentEscalated(Guid.CreateVersion7(), EscalationKind.Report, "yangcheng", "jincheng", "补报", false, "yangcheng.duty")
        {
            OccurredAt = Now.AddMinutes(100), TenantCode = "yangcheng", TenantPath = "shanxi.jincheng.yangcheng", IncidentId = late.IncidentId, Number = late.Number,
        });

        var clock = (await Eventually.Value(() => host.OverviewAsync("yangcheng"),
            o => o?.Root.Own.Clocks.Single(c => c.Kind == DeadlineKind.ReportUpward) is { Met: 1, Missed: 1, Open: 1, MedianMinutesLate: 40 },
            "one report in time, one 40 minutes late, one still running"))!.Root.Own;
        Assert.Equal(1, clock.Escalation.Acknowledged);
        Assert.Equal(30, clock.Escalation.MedianMinutes);
    }

    [Fact]
    public async Task A_rebuild_replays_the_log_into_a_new_generation_with_the_same_figures()
    {
        await using var host = await SummariesHost.StartAsync(infrastructure, Now);
        await ReportAsync(host, host.Reported("yangcheng"), host.Reported("chengqu"), host.Reported("chengqu", drill: true));
        var before = await Eventually.Value(() => host.OverviewAsync("jincheng"), o => o?.Root.Subtree.Incidents is { Total: 2, Drills: 1 }, "the reports are projected");

        var outcome = await host.Get<ReadModelRebuild>().RunAsync(CancellationToken.None);

        Assert.True(outcome.Ran);
        Assert.Equal(2, outcome.Generation);
        var after = await host.OverviewAsync("jincheng");
        Assert.Equal(before!.Root.Subtree.Incidents, after!.Root.Subtree.Incidents, new IncidentFiguresComparer());
        Assert.Equal(["chengqu", "jincheng_energy", "yangcheng"], after.Root.Children.Select(c => c.Code).Order().ToArray());
    }

    private static async Task ReportAsync(SummariesHost host, params IncidentReported[] reports)
    {
        foreach (var report in reports)
        {
            await host.PublishAsync(report);
        }
    }

    private sealed class IncidentFiguresComparer : IEqualityComparer<IncidentFigures>
    {
        public bool Equals(IncidentFigures? x, IncidentFigures? y) =>
            x!.Total == y!.Total && x.Drills == y.Drills && x.ByGrade.SequenceEqual(y.ByGrade) && x.ByState.SequenceEqual(y.ByState);

        public int GetHashCode(IncidentFigures obj) => obj.Total.GetHashCode();
    }
}
