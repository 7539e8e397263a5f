using System.Net;
using System.Text.Json;
using Fenghuo.Testing;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// Exercises through the gateway with real tokens: the city drills its county with a timed inject
/// that opens a 较大 drill incident; the county runs it under its real plan; nobody else sees the
/// exercise; real figures do not move; the report shows response time and clocks; compliance counts it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ExerciseTests(PlatformFixture fixture)
{
    private ExerciseDesk Desk => new(fixture.Gateway);

    private IncidentDesk Incidents => new(fixture.Gateway);

    [Fact]
    public async Task A_city_drill_opens_a_county_drill_incident_that_runs_the_real_lifecycle_and_never_counts()
    {
        var cityFiguresBefore = (await Desk.GetAsync("api/incidents/summary", "jincheng.duty")).ToString();

        var planned = await Desk.PlanAsync("jincheng.director",
            ExerciseDesk.Plan("晋城市勒索病毒应急演练", ["yangcheng"], ExerciseDesk.Inject("yangcheng", drillIncident: true)));
        var id = planned.GetProperty("id").GetString()!;
        Assert.Equal("planned", planned.GetProperty("state").GetString());
        await Desk.ActAsync(id, "start", "jincheng.director");

        // The inject at minute 0 opens the drill incident at Yangcheng, marked and numbered as a drill.
        // Found through this drill's own record: other drills on the shared platform open incidents with the same inject text.
        var opened = await Eventually.Value(() => Desk.GetAsync($"{ExerciseDesk.Base}/{id}", "jincheng.director"),
            x => x.GetProperty("drillIncidents").GetArrayLength() > 0, "the drill records the incident its inject opened");
        var incidentId = opened.GetProperty("drillIncidents")[0].GetProperty("incidentId").GetString()!;
        var drill = await Eventually.Value(async () => (await Desk.GetAsync("api/incidents?exercise=only", "yangcheng.duty")).EnumerateArray()
                .Cast<JsonElement?>().FirstOrDefault(i => i!.Value.GetProperty("id").GetString() == incidentId),
            i => i is not null, "yangcheng.duty sees the drill incident") ?? default;
        Assert.Contains("社保查询系统约两万条", drill.GetProperty("description").GetString());
        Assert.True(drill.GetProperty("exercise").GetBoolean());
        Assert.Contains("演练", drill.GetProperty("number").GetString());
        Assert.DoesNotContain(incidentId, await Incidents.ListedIdsAsync("yangcheng.duty"));
        var incident = await Incidents.GetAsync(incidentId, "yangcheng.duty");
        Assert.True(incident.GetProperty("exercise").GetBoolean());
        // 002 §4.1: a large incident goes up within 30 minutes, owed by Yangcheng, as for a real one.
        Assert.Contains(incident.GetProperty("deadlines").EnumerateArray(), d => d.GetProperty("kind").GetString() == "report_upward");

        // The real lifecycle: assessment, level I by the commander (which asks the city for support), the city signs, control, end.
        await Incidents.ActAsync(incidentId, "assessment", "yangcheng.duty", new { outcome = "confirmed", grade = "large", capacityExceeded = false });
        var responding = await Incidents.ActAsync(incidentId, "response", "yangcheng.commander", new { level = "I" });
        Assert.Equal("responding", responding.GetProperty("state").GetString());
        Assert.Contains("jincheng", responding.GetProperty("escalatedTo").EnumerateArray().Select(e => e.GetString()));
        await Incidents.ActAsync(incidentId, "acknowledgement", "jincheng.duty");
        await Incidents.ActAsync(incidentId, "response/control", "yangcheng.commander");
        var ended = await Incidents.ActAsync(incidentId, "response/end", "yangcheng.commander");
        Assert.Equal("response_ended", ended.GetProperty("state").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await Desk.SendAsync(HttpMethod.Get, $"{ExerciseDesk.Base}/{id}", "chengqu.duty")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Desk.SendAsync(HttpMethod.Get, $"{ExerciseDesk.Base}/{id}/report", "chengqu.duty")).Status);
        Assert.Equal(cityFiguresBefore, (await Desk.GetAsync("api/incidents/summary", "jincheng.duty")).ToString());

        // Yangcheng answers the inject; the city ends and evaluates; the report has the response time and the drill's clocks.
        var delivered = await Desk.DeliveredAsync(id, "yangcheng.duty");
        var injectId = delivered.GetProperty("injects")[0].GetProperty("id").GetString()!;
        await Desk.ActAsync(id, $"injects/{injectId}/response", "yangcheng.duty", new { response = "已研判为较大事件，启动Ⅰ级响应并报市指挥部。" });
        await Desk.ActAsync(id, "end", "jincheng.director");
        var evaluated = await Desk.ActAsync(id, "evaluation", "jincheng.director", new
        {
            summary = "县级报告及时，市县协同顺畅。",
            findings = new[] { new { title = "应急联络表未及时更新", severity = "moderate", owner = "yangcheng", dueOn = "2027-01-31", planSection = "§8.5" } },
        });
        Assert.Equal("evaluated", evaluated.GetProperty("state").GetString());

        // Until incidents' settlement of the report upward arrives, the report shows that clock as still running.
        var report = await Eventually.Value(() => Desk.GetAsync($"{ExerciseDesk.Base}/{id}/report", "jincheng.director"),
            r => r.GetProperty("drillIncidents").EnumerateArray().Any(d => d.GetProperty("clocks").EnumerateArray()
                .Any(c => c.GetProperty("kind").GetString() == "report_upward" && c.GetProperty("outcome").GetString() != "running")),
            "the report shows the drill incident's report upward settled");
        var response = report.GetProperty("injectResponses")[0];
        Assert.Equal(JsonValueKind.Number, response.GetProperty("responseMinutes").ValueKind);
        var clock = report.GetProperty("drillIncidents")[0].GetProperty("clocks").EnumerateArray().First(c => c.GetProperty("kind").GetString() == "report_upward");
        Assert.Equal("met", clock.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Number, clock.GetProperty("minutes").ValueKind);
        Assert.Equal("应急联络表未及时更新", report.GetProperty("findings")[0].GetProperty("title").GetString());

        // The finding asks Yangcheng for a plan revision: its office finds a draft citing it.
        var findingId = report.GetProperty("findings")[0].GetProperty("id").GetString()!;
        var asked = await Desk.ActAsync(id, $"findings/{findingId}/plan-revision", "jincheng.director");
        Assert.Equal(JsonValueKind.String, asked.GetProperty("findings")[0].GetProperty("revisionRequestedAt").ValueKind);
        var draft = await Eventually.Value(async () => (await Desk.GetAsync("api/jurisdictions/yangcheng/plans", "yangcheng.director")).EnumerateArray()
                .Cast<JsonElement?>().FirstOrDefault(v => v!.Value.GetProperty("status").GetString() == "draft"),
            v => v is not null, "yangcheng has a plan-revision draft") ?? default;
        var cited = await Desk.GetAsync($"api/jurisdictions/yangcheng/plans/{draft.GetProperty("version").GetInt32()}/citations", "yangcheng.director");
        Assert.Contains(cited.EnumerateArray(), c => c.GetProperty("findingId").GetString() == findingId && c.GetProperty("planSection").GetString() == "§8.5");
        // Yangcheng's office discards the draft: the next test or tester finds Yangcheng's plan as seeded, with no draft open.
        await Desk.DiscardPlanDraftAsync("yangcheng");
        var closed = await Desk.ActAsync(id, $"findings/{findingId}/close", "jincheng.director", new { note = "联络表已更新" });
        Assert.Equal("closed", closed.GetProperty("findings")[0].GetProperty("state").GetString());

        using var page = await fixture.Gateway.GetAsync($"{ExerciseDesk.Base}/{id}/report?format=html", "yangcheng.duty");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("演练总结报告", html);
        Assert.Contains(drill.GetProperty("number").GetString()!, html);

        // 2026: Yangcheng and Jincheng took part in a completed drill; the energy bureau did not; the zone's plan asks for "regular" drills.
        var compliance = (await Desk.GetAsync($"{ExerciseDesk.Base}/compliance?year=2026", "jincheng.director")).GetProperty("tenants")
            .EnumerateArray().ToDictionary(t => t.GetProperty("tenant").GetString()!);
        Assert.Equal("met", compliance["yangcheng"].GetProperty("status").GetString());
        Assert.Equal("met", compliance["jincheng"].GetProperty("status").GetString());
        Assert.Equal("due", compliance["jincheng_energy"].GetProperty("status").GetString());
        Assert.Equal(1, compliance["jincheng_energy"].GetProperty("required").GetInt32());
        Assert.DoesNotContain("xinzhou_edz", compliance.Keys);
        var zone = (await Desk.GetAsync($"{ExerciseDesk.Base}/compliance?year=2026", "xinzhou_edz.director")).GetProperty("tenants")[0];
        Assert.Equal("xinzhou_edz", zone.GetProperty("tenant").GetString());
        Assert.Equal("regular", zone.GetProperty("requirement").GetString());
        Assert.Equal(JsonValueKind.Null, zone.GetProperty("required").ValueKind);
    }

    [Fact]
    public async Task Bad_plans_and_acts_out_of_turn_are_refused_with_reasons_and_change_nothing()
    {
        var before = (await Desk.GetAsync(ExerciseDesk.Base, "jincheng.director")).GetArrayLength();
        var bad = await Desk.SendAsync(HttpMethod.Post, ExerciseDesk.Base, "jincheng.director",
            ExerciseDesk.Plan("越界演练", ["xinzhou_edz"], ExerciseDesk.Inject("jincheng", offsetMinutes: 600)));
        Assert.True(bad.Status == HttpStatusCode.BadRequest, bad.ToString());
        var fields = bad.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("participants[0]", fields);
        Assert.Contains("injects[0].offsetMinutes", fields);
        Assert.Equal(before, (await Desk.GetAsync(ExerciseDesk.Base, "jincheng.director")).GetArrayLength());

        var id = (await Desk.PlanAsync("jincheng.director", ExerciseDesk.Plan("晋城市桌面推演", ["chengqu"]))).GetProperty("id").GetString()!;
        var early = await Desk.TryActAsync(id, "evaluation", "jincheng.director", new { summary = "提前评估" });
        Assert.True(early.Status == HttpStatusCode.Conflict && early.Code == "not_started", early.ToString());
        var byDuty = await Desk.TryActAsync(id, "start", "jincheng.duty");
        Assert.True(byDuty.Status == HttpStatusCode.Forbidden && byDuty.Code == "role_not_allowed", byDuty.ToString());
        await Desk.ActAsync(id, "start", "jincheng.director");
        var twice = await Desk.TryActAsync(id, "start", "jincheng.director");
        Assert.True(twice.Status == HttpStatusCode.Conflict && twice.Code == "already_started", twice.ToString());
        var running = await Desk.GetAsync($"{ExerciseDesk.Base}/{id}", "chengqu.duty");
        Assert.Equal("running", running.GetProperty("state").GetString());
        Assert.Equal(2, running.GetProperty("history").GetArrayLength());
    }
}
