using Fenghuo.Exercises.Acts;
using Fenghuo.Exercises.Injects;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.Testing;

namespace Fenghuo.Exercises.Tests;

/// <summary>Injects go out at start + offset on the service's clock, once, through the outbox; the target's answer is timed from delivery.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class InjectSchedulerTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task An_inject_is_delivered_at_its_offset_and_its_answer_time_is_recorded()
    {
        await using var host = await ExercisesHost.StartAsync(infrastructure, Drills.Start);
        var director = await host.CallerAsync("jincheng", Roles.OfficeDirector);
        var planned = await host.Get<ExercisePlanning>().PlanAsync(director,
            Drills.Plan(["yangcheng"], Drills.Inject("yangcheng", 10, drillIncident: true), Drills.Inject("jincheng", 30)), null, CancellationToken.None);
        var id = planned.Record!.Exercise.Id;
        var acts = host.Get<ExerciseActs>();
        await acts.StartAsync(director, id, CancellationToken.None);
        var scheduler = host.Get<InjectScheduler>();
        var inject = planned.Record.Injects.Single(i => i.Target == "yangcheng").Id;
        var duty = await host.CallerAsync("yangcheng", Roles.DutyOfficer);

        host.Clock.Advance(TimeSpan.FromMinutes(9));
        await scheduler.ScanAsync(CancellationToken.None);
        Assert.Equal("not_delivered", (await acts.RespondAsync(duty, id, inject, new ResponseRequest("已核实"), CancellationToken.None)).Refusal?.Code);

        // The hosted loop scans on the same clock; whichever scan takes the inject, it goes out once.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await scheduler.ScanAsync(CancellationToken.None);
        await Eventually.Until(async () => await DeliveredAsync(host) == 1, "the inject at minute 10 was not delivered");
        Assert.Equal(1, await host.CountAsync("select count(*) from outbox where message_type like '%.InjectDelivered' and payload->'drillIncident'->>'grade' = 'large'"));

        host.Clock.Advance(TimeSpan.FromMinutes(4));
        var answered = await acts.RespondAsync(duty, id, inject, new ResponseRequest("已研判为较大事件并报市指挥部。"), CancellationToken.None);
        Assert.Equal(4.0, answered.Record!.Injects.Single(i => i.Id == inject).ResponseMinutes);
        var other = await host.CallerAsync("jincheng", Roles.DutyOfficer);
        Assert.Equal("not_target", (await acts.RespondAsync(other, id, inject, new ResponseRequest("越权回应"), CancellationToken.None)).Refusal?.Code);

        host.Clock.Advance(TimeSpan.FromMinutes(16));
        await scheduler.ScanAsync(CancellationToken.None);
        await Eventually.Until(async () => await DeliveredAsync(host) == 2, "the inject at minute 30 was not delivered");
        await scheduler.ScanAsync(CancellationToken.None);
        Assert.Equal(2, await DeliveredAsync(host));
    }

    private static Task<long> DeliveredAsync(ExercisesHost host) =>
        host.CountAsync("select count(*) from outbox where message_type like '%.InjectDelivered'");
}
