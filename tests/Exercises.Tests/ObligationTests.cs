using Fenghuo.Contracts.Plans;
using Fenghuo.Exercises.Acts;
using Fenghuo.Exercises.Domain;
using Fenghuo.Exercises.Obligations;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.Testing;

namespace Fenghuo.Exercises.Tests;

/// <summary>The yearly drill obligation: what each plan asks, and the warning 60 days before the year's end.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ObligationTests(PlatformInfrastructure infrastructure)
{
    private static readonly DateOnly November = new(2026, 11, 30);

    [Fact]
    public void A_yearly_minimum_is_met_due_or_overdue_and_a_regular_plan_has_no_number()
    {
        var once = SeedRules.For("yangcheng").Exercises;
        var regular = SeedRules.For("xinzhou_edz").Exercises;
        Assert.Equal(new Obligation(Requirement.Minimum, 1, 1, ObligationStatus.Met), Obligation.Of(once, true, 1, 2026, November));
        Assert.Equal(new Obligation(Requirement.Minimum, 1, 0, ObligationStatus.Due), Obligation.Of(once, true, 0, 2026, November));
        Assert.Equal(ObligationStatus.Overdue, Obligation.Of(once, true, 0, 2025, November).Status);
        Assert.Equal(new Obligation(Requirement.Regular, null, 0, ObligationStatus.Due), Obligation.Of(regular, true, 0, 2026, November));
        Assert.Equal(Requirement.NoPlan, Obligation.Of(null, false, 0, 2026, November).Requirement);
    }

    [Fact]
    public async Task Tenants_short_of_their_minimum_are_warned_once_and_a_completed_drill_counts_for_every_participant()
    {
        await using var host = await ExercisesHost.StartAsync(infrastructure, Drills.Start);
        var director = await host.CallerAsync("jincheng", Roles.OfficeDirector);
        var planned = await host.Get<ExercisePlanning>().PlanAsync(director, Drills.Plan(["yangcheng"]), null, CancellationToken.None);
        var acts = host.Get<ExerciseActs>();
        await acts.StartAsync(director, planned.Record!.Exercise.Id, CancellationToken.None);
        await acts.EndAsync(director, planned.Record.Exercise.Id, CancellationToken.None);

        var scheduler = host.Get<ObligationScheduler>();
        await scheduler.ScanAsync(CancellationToken.None);
        await scheduler.ScanAsync(CancellationToken.None);

        // 60 days before the year's end: the energy bureau (at least once a year) has none; the city and county took part in one;
        // the district and the zone ask for "regular" drills without a number, so there is no minimum to warn of. Twice scanned, once warned.
        Assert.Equal(1, await WarnedAsync(host, "jincheng_energy"));
        foreach (var tenant in new[] { "jincheng", "yangcheng", "chengqu", "xinzhou_edz" })
        {
            Assert.Equal(0, await WarnedAsync(host, tenant));
        }
    }

    private static Task<long> WarnedAsync(ExercisesHost host, string tenant) =>
        host.CountAsync($"select count(*) from outbox where message_type like '%.ExerciseObligationDue' and payload->>'tenantCode' = '{tenant}'");
}
