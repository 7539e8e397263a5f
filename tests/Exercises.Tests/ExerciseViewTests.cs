using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Plans;
using Fenghuo.Exercises.Acts;
using Fenghuo.Exercises.Apis;
using Fenghuo.Exercises.Injects;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.Testing;

namespace Fenghuo.Exercises.Tests;

/// <summary>
/// What a drill's page shows a duty desk: jurisdictions by name, the drill incident's report clock counting
/// down before it settles, and only the acts the caller may do now.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ExerciseViewTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task A_running_drill_names_its_units_counts_down_to_the_drill_incidents_report_and_offers_each_caller_only_its_acts()
    {
        await using var host = await ExercisesHost.StartAsync(infrastructure, Drills.Start);
        var director = await host.CallerAsync("jincheng", Roles.OfficeDirector);
        var planned = await host.Get<ExercisePlanning>().PlanAsync(director,
            Drills.Plan(["yangcheng"], Drills.Inject("yangcheng", 10, drillIncident: true)), null, CancellationToken.None);
        var id = planned.Record!.Exercise.Id;
        var duty = await host.CallerAsync("yangcheng", Roles.DutyOfficer);
        var reporter = await host.CallerAsync("yangcheng", Roles.Reporter);
        var cityDuty = await host.CallerAsync("jincheng", Roles.DutyOfficer);
        Assert.Equal(["start"], await ViewAsync(host, director, id, v => v.AllowedActs));
        Assert.Empty(await ViewAsync(host, duty, id, v => v.AllowedActs));

        await host.Get<ExerciseActs>().StartAsync(director, id, CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await host.Get<InjectScheduler>().ScanAsync(CancellationToken.None);
        var inject = planned.Record.Injects.Single().Id;
        var opened = new DrillIncidentOpened(id, inject, Grade.Large, "data_security", host.Clock.GetUtcNow())
        {
            OccurredAt = host.Clock.GetUtcNow(), TenantCode = "yangcheng", TenantPath = "shanxi.jincheng.yangcheng",
            IncidentId = Guid.NewGuid(), Number = "阳城-演练-2026-0001", Exercise = true,
            // Yangcheng's plan 002, as the incidents service starts the clock: a 较大 event is reported
            // upward within 30 minutes of occurring (the inject's minute 10).
            ReportDueAt = Drills.Start.AddMinutes(40),
        };
        await host.PublishAsync(opened);
        var running = await Eventually.Value(() => ViewAsync(host, duty, id, v => v), v => v.DrillIncidents.Count == 1, "the drill incident is recorded");

        var clock = Assert.Single(running.DrillIncidents[0].Clocks);
        Assert.Equal(("running", Drills.Start.AddMinutes(40), "阳城县"), (clock.Outcome, clock.DueAt, clock.OwedBy.Name));
        Assert.Contains(running.History, h => h.Summary == "演练事件 阳城-演练-2026-0001 已在阳城县建立");
        Assert.Equal(["respond"], running.Injects.Single().AllowedActs);
        Assert.Empty((await ViewAsync(host, reporter, id, v => v)).Injects.Single().AllowedActs);
        Assert.Empty((await ViewAsync(host, cityDuty, id, v => v)).Injects.Single().AllowedActs);
        Assert.Equal(["end"], await ViewAsync(host, director, id, v => v.AllowedActs));
        Assert.Empty(await ViewAsync(host, duty, id, v => v.AllowedActs));
    }

    private static async Task<T> ViewAsync<T>(ExercisesHost host, TenantContext caller, Guid id, Func<ExerciseView, T> read)
    {
        var record = await host.Get<ActRunner>().ReadAsync(caller, id, CancellationToken.None);
        var names = (await host.Get<TenantDirectory>().ListAsync(CancellationToken.None)).ToDictionary(t => t.Code, t => t.Name);
        return read(ExerciseViews.Of(record!, code => names.GetValueOrDefault(code, code), caller));
    }
}
