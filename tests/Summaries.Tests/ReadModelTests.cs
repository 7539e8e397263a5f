using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Summaries.Apis;
using Fenghuo.Summaries.Domain;
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

        var overview = await Eventually.Value(() => host.OverviewAsync("shanxi"), o => o?.Root.Subtree.Incidents is { Total: 5, Drills: 1 },
            "the province's overview counts the five real reports and the drill apart");
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

        // Each kind of event has its own recorder and batches, so the acknowledgement may be recorded before or after the clocks.
        var clock = (await Eventually.Value(() => host.OverviewAsync("yangcheng"),
            o => o?.Root.Own.Clocks.Single(c => c.Kind == DeadlineKind.ReportUpward) is { Met: 1, Missed: 1, Open: 1, MedianMinutesLate: 40 }
                && o.Root.Own.Escalation.Acknowledged == 1,
            "one report in time, one 40 minutes late, one still running, and the one sent up acknowledged"))!.Root.Own;
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

    [Fact]
    public async Task The_tallies_kept_event_by_event_equal_the_rows_counted_afresh_and_give_the_same_figures_for_whole_days_as_for_timestamps()
    {
        await using var host = await SummariesHost.StartAsync(infrastructure, Now);
        var regraded = host.Reported("yangcheng");
        var late = host.Reported("chengqu", Grade.Large);
        await ReportAsync(host, regraded, late, host.Reported("yangcheng", Grade.Major), host.Reported("chengqu", drill: true));
        // A later grade, a response and an acknowledgement take the incident's old counts out of its tallies and put the new ones in.
        await host.PublishAsync(new IncidentAssessed(AssessmentOutcome.Confirmed, Grade.Major, false, "II", "yangcheng.duty")
        {
            OccurredAt = Now.AddMinutes(10), TenantCode = "yangcheng", TenantPath = "shanxi.jincheng.yangcheng", IncidentId = regraded.IncidentId, Number = regraded.Number,
            ReportUpwardDueAt = regraded.ReportUpwardDueAt,
        });
        await host.PublishAsync(new ResponseStarted("II", "yangcheng", "yangcheng.commander")
        {
            OccurredAt = Now.AddMinutes(15), TenantCode = "yangcheng", TenantPath = "shanxi.jincheng.yangcheng", IncidentId = regraded.IncidentId, Number = regraded.Number,
        });
        await host.PublishAsync(new EscalationAcknowledged("jincheng", "jincheng.duty")
        {
            OccurredAt = Now.AddMinutes(25), TenantCode = "yangcheng", TenantPath = "shanxi.jincheng.yangcheng", IncidentId = regraded.IncidentId, Number = regraded.Number,
        });
        await host.PublishAsync(new IncidentEscalated(Guid.CreateVersion7(), EscalationKind.Report, "chengqu", "jincheng", "补报", false, "chengqu.duty")
        {
            OccurredAt = Now.AddMinutes(75), TenantCode = "chengqu", TenantPath = "shanxi.jincheng.chengqu", IncidentId = late.IncidentId, Number = late.Number,
        });

        // Timestamps: the last day comes from the rows. Whole China days: every figure from the tallies.
        var byTimestamps = await Eventually.Value(() => host.OverviewAsync("jincheng"),
            o => o?.Root.Subtree is { Incidents.Total: 3, Escalation.Acknowledged: 1 } subtree
                 && subtree.Incidents.ByResponseLevel.Any(l => l.Code == "II")
                 && subtree.Incidents.ByGrade.Any(g => g.Code == "major" && g.Count == 2)
                 && subtree.Clocks.Single(c => c.Kind == DeadlineKind.ReportUpward).Missed == 1,
            "the reports, the regrading, the response, the acknowledgement and the late report are projected");
        var byDays = await host.OverviewAsync("jincheng", over: new Period(Period.StartOf(new DateOnly(2026, 1, 1)), Period.StartOf(new DateOnly(2026, 7, 1))));
        foreach (var (a, b) in new[] { (byTimestamps!.Root.Subtree, byDays!.Root.Subtree), (byTimestamps.Root.Children.Single(c => c.Code == "yangcheng").Own, byDays.Root.Children.Single(c => c.Code == "yangcheng").Own) })
        {
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a), System.Text.Json.JsonSerializer.Serialize(b));
        }
        var subtree = byDays.Root.Subtree;
        Assert.Equal([("major", 2L), ("large", 1L)], subtree.Incidents.ByGrade.Select(g => (g.Code, g.Count)).ToArray());
        Assert.Equal(1, subtree.Incidents.Drills);
        Assert.Equal(25, subtree.Escalation.MedianMinutes);
        Assert.Equal(15, subtree.Clocks.Single(c => c.Kind == DeadlineKind.ReportUpward).MedianMinutesLate);
        Assert.Equal(late.Number, Assert.Single(byDays.WorstOffenders).Number);

        var kept = await host.TalliesAsync();
        await host.RetallyAsync();
        Assert.Equal(kept, await host.TalliesAsync());
    }

    [Fact]
    public async Task The_series_counts_real_incidents_by_grade_and_category_per_day_for_a_short_period_and_per_month_for_a_long_one()
    {
        await using var host = await SummariesHost.StartAsync(infrastructure, Now);
        await ReportAsync(host, host.Reported("yangcheng", Grade.Major), host.Reported("chengqu"), host.Reported("chengqu", drill: true));
        await Eventually.Value(() => host.OverviewAsync("jincheng"), o => o?.Root.Subtree.Incidents is { Total: 2, Drills: 1 }, "the reports are projected");

        var june = (await host.OverviewAsync("jincheng", over: new Period(Period.StartOf(new DateOnly(2026, 6, 1)), Period.StartOf(new DateOnly(2026, 7, 1)))))!.Series;
        Assert.Equal(SeriesInterval.Day, june.Interval);
        Assert.Equal(30, june.Points.Length);
        var fifteenth = june.Points.Single(p => p.Start == new DateOnly(2026, 6, 15));
        Assert.Equal("6月15日", fifteenth.Label);
        Assert.Equal(2, fifteenth.Total);
        Assert.Equal(["特别重大", "重大", "较大", "一般", "一般以下", "暂时无法判明"], fifteenth.ByGrade.Select(g => g.Label).ToArray());
        Assert.Equal([0L, 1, 0, 1, 0, 0], fifteenth.ByGrade.Select(g => g.Count).ToArray());
        Assert.Equal(2, Assert.Single(fifteenth.ByCategory).Count);
        Assert.All(june.Points.Where(p => p != fifteenth), p => Assert.Equal(0, p.Total));

        var year = (await host.OverviewAsync("jincheng", over: new Period(Period.StartOf(new DateOnly(2026, 1, 1)), Period.StartOf(new DateOnly(2027, 1, 1)))))!.Series;
        Assert.Equal(SeriesInterval.Month, year.Interval);
        Assert.Equal(12, year.Points.Length);
        Assert.Equal("2026年6月", year.Points[5].Label);
        Assert.Equal(2, year.Points[5].Total);
        Assert.Equal(2, year.Points.Sum(p => p.Total));
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
