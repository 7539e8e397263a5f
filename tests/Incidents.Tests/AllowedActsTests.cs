using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Acts;
using Fenghuo.Incidents.Domain;
using Fenghuo.Testing;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// The incident's allowedActs tell each desk what it may do now, by the Lifecycle rules the acts
/// enforce: the county's duty officer, commander and reporter, the city it was escalated to, as the
/// incident moves from reported to responding. The portal shows these buttons and no others.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class AllowedActsTests(PlatformInfrastructure infrastructure)
{
    private const string Jincheng = "shanxi.jincheng";

    [Fact]
    public async Task Each_role_is_offered_exactly_the_acts_the_lifecycle_lets_it_do_as_the_incident_moves_on()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var plan = SeedRules.For("yangcheng");
        var id = await Reported.LargeDataLeakAsync(host, plan, host.Clock.GetUtcNow().AddMinutes(-5));

        // Reported: the duty officer assesses, writes and sends up; a reporter only writes; an analyst only reads.
        await ExpectAsync(host, id, "yangcheng", "duty-officer", ["assess", "follow_up", "escalate"]);
        await ExpectAsync(host, id, "yangcheng", "reporter", ["follow_up"]);
        await ExpectAsync(host, id, "yangcheng", "analyst", []);
        // The city has nothing to do on what was not sent to it (it does not even see it).
        Assert.Null(await Reported.AsAsync(host, "jincheng", Jincheng, id));

        var response = host.Get<ResponseActs>();
        await response.AssessAsync(await Callers.AsAsync(host, "yangcheng", "duty-officer"), id, new AssessmentRequest("confirmed", "large", false), default);

        // Confirmed: the commander may start the levels the plan gives it and close; the duty officer may not.
        var commander = await ExpectAsync(host, id, "yangcheng", "commander", ["assess", "start_response", "follow_up", "escalate", "close"]);
        Assert.Equal(LevelsOf(plan, "commander"), commander.Levels);
        Assert.Contains("I", commander.Levels);
        var director = await ExpectAsync(host, id, "yangcheng", "office-director", ["assess", "start_response", "follow_up", "escalate", "close"]);
        Assert.Equal(LevelsOf(plan, "office-director"), director.Levels);
        Assert.DoesNotContain("I", director.Levels);
        Assert.Empty((await ExpectAsync(host, id, "yangcheng", "duty-officer", ["assess", "follow_up", "escalate"])).Levels);

        // Level I sends it to the city by itself: the city's desk signs and asks; only its commanders take over.
        await response.StartAsync(await Callers.AsAsync(host, "yangcheng", "commander"), id, new LevelRequest("I"), default);
        await ExpectAsync(host, id, "jincheng", "duty-officer", ["escalate", "acknowledge", "inquire"], Jincheng);
        await ExpectAsync(host, id, "jincheng", "commander", ["escalate", "acknowledge", "take_over", "inquire"], Jincheng);
        var responding = await ExpectAsync(host, id, "yangcheng", "commander", ["change_level", "control", "end_response", "follow_up", "escalate"]);
        Assert.Equal(LevelsOf(plan, "commander").Where(l => l != "I"), responding.Levels);

        // Once signed for, no second signature; once asked, the county's desk owes an answer.
        var escalations = host.Get<EscalationActs>();
        await escalations.AcknowledgeAsync(await Callers.AsAsync(host, "jincheng", "duty-officer"), id, default);
        await escalations.InquireAsync(await Callers.AsAsync(host, "jincheng", "duty-officer"), id, new InquiryRequest("请核实泄露数据条数。"), default);
        await ExpectAsync(host, id, "jincheng", "duty-officer", ["escalate", "inquire"], Jincheng);
        await ExpectAsync(host, id, "yangcheng", "duty-officer", ["follow_up", "escalate", "answer"]);
        await ExpectAsync(host, id, "yangcheng", "reporter", ["follow_up", "answer"]);
    }

    private static IEnumerable<string> LevelsOf(PlanRules plan, string role) =>
        plan.ResponseLevels.Where(l => l.ApproverRoles.Contains(role)).Select(l => l.Code);

    private static async Task<AllowedActs> ExpectAsync(IncidentsHost host, Guid id, string tenant, string role, string[] acts, string path = Reported.YangchengPath)
    {
        var record = await Reported.AsAsync(host, tenant, path, id);
        Assert.NotNull(record);
        var allowed = await host.Get<ActRunner>().AllowedAsync(await Callers.AsAsync(host, tenant, role), record, default);
        Assert.True(acts.SequenceEqual(allowed.Acts), $"{tenant} {role} in {record.Incident.State}: expected [{string.Join(", ", acts)}], offered [{string.Join(", ", allowed.Acts)}]");
        return allowed;
    }
}
