using Fenghuo.Exercises.Acts;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.Testing;

namespace Fenghuo.Exercises.Tests;

/// <summary>Planning and the lifecycle acts on the real database: a refused act leaves the exercise, its history and the outbox as they were.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ExerciseActsTests(PlatformInfrastructure infrastructure)
{
    private const string Everything = """
        select (select count(*) from exercise) + (select count(*) from exercise_inject) + (select count(*) from exercise_participant)
             + (select count(*) from exercise_history) + (select count(*) from outbox)
        """;

    [Fact]
    public async Task A_plan_naming_a_tenant_outside_the_subtree_or_an_inject_outside_the_window_is_refused_and_nothing_is_stored()
    {
        await using var host = await ExercisesHost.StartAsync(infrastructure, Drills.Start);
        var director = await host.CallerAsync("jincheng", Roles.OfficeDirector);
        var before = await host.CountAsync(Everything);

        var outcome = await host.Get<ExercisePlanning>().PlanAsync(director,
            Drills.Plan(["yangcheng", "xinzhou_edz"], Drills.Inject("yangcheng", 121), Drills.Inject("chengqu", 0)), null, CancellationToken.None);

        var fields = outcome.Errors.Select(e => e.Field).ToList();
        Assert.Equal(["participants[1]", "injects[0].offsetMinutes", "injects[1].target"], fields);
        Assert.All(outcome.Errors, e => Assert.False(string.IsNullOrEmpty(e.MessageZh) || string.IsNullOrEmpty(e.MessageEn)));
        Assert.Equal(before, await host.CountAsync(Everything));
    }

    [Fact]
    public async Task Starting_twice_and_evaluating_before_the_end_are_refused_and_change_nothing()
    {
        await using var host = await ExercisesHost.StartAsync(infrastructure, Drills.Start);
        var director = await host.CallerAsync("jincheng", Roles.OfficeDirector);
        var planned = await host.Get<ExercisePlanning>().PlanAsync(director, Drills.Plan(["yangcheng"], Drills.Inject("yangcheng", 10)), null, CancellationToken.None);
        var id = planned.Record!.Exercise.Id;
        var acts = host.Get<ExerciseActs>();

        var early = await acts.EvaluateAsync(director, id, new EvaluationRequest("提前评估", []), CancellationToken.None);
        Assert.Equal("not_started", early.Refusal?.Code);
        Assert.NotNull((await acts.StartAsync(director, id, CancellationToken.None)).Record);
        var before = await host.CountAsync(Everything);

        var twice = await acts.StartAsync(director, id, CancellationToken.None);
        Assert.Equal("already_started", twice.Refusal?.Code);
        var stillRunning = await acts.EvaluateAsync(director, id, new EvaluationRequest("提前评估", []), CancellationToken.None);
        Assert.Equal("not_ended", stillRunning.Refusal?.Code);
        var duty = await host.CallerAsync("jincheng", Roles.DutyOfficer);
        Assert.Equal("role_not_allowed", (await acts.EndAsync(duty, id, CancellationToken.None)).Refusal?.Code);
        var county = await host.CallerAsync("yangcheng", Roles.Commander);
        Assert.Equal("not_organiser", (await acts.EndAsync(county, id, CancellationToken.None)).Refusal?.Code);
        Assert.True((await acts.EndAsync(await host.CallerAsync("chengqu", Roles.Commander), id, CancellationToken.None)).IsMissing);

        Assert.Equal(before, await host.CountAsync(Everything));
    }
}
