using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Fenghuo.Platform.EndToEnd.IncidentDesk;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// Issue 5's headline: Yangcheng records a large data leak, its commander starts level I, Jincheng
/// sees it arrive, asks, takes over and ends the response — each step as the users involved see it,
/// and what those not involved (siblings, cousins, the province before it is told) do not see.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class IncidentFlowTests(PlatformFixture fixture)
{
    private IncidentDesk Desk { get; } = new(fixture.Gateway);

    [Fact]
    public async Task A_county_records_a_large_data_leak_owes_the_city_a_report_in_30_minutes_and_nobody_else_sees_it()
    {
        // Yangcheng's duty officer records a large (较大) data leak that began five minutes ago.
        var (id, reported, occurredAt) = await ReportLeakAsync();
        Assert.Equal("reported", State(reported));
        Assert.Equal("yangcheng", Text(reported, "tenant"));
        Assert.Equal("阳城县", Text(reported, "tenantName"));
        Assert.Matches(NumberOf("阳城"), Text(reported, "number"));
        Assert.Equal(occurredAt, At(reported, "occurredAt"));
        Assert.Equal("data_leak", Text(reported, "subcategory"));
        Assert.Equal("reported", reported.GetProperty("timeline")[0].GetProperty("act").GetString());
        Assert.Equal("yangcheng.duty", reported.GetProperty("timeline")[0].GetProperty("actor").GetString());

        // 002 §4.1: a large incident goes up within 30 minutes of its occurrence, owed by Yangcheng.
        var reportUpward = RequiredDeadline(reported, "report_upward");
        Assert.Equal(occurredAt.AddMinutes(30), At(reportUpward, "dueAt"));
        Assert.Equal("due", Text(reportUpward, "status"));
        Assert.Equal("yangcheng", Text(reportUpward, "owedBy"));
        Assert.StartsWith("002", Text(reportUpward, "source"));
        Assert.InRange(reportUpward.GetProperty("timeLeftSeconds").GetInt32(), 1, 25 * 60);

        // Not escalated yet: the city does not see it, and neither do the sibling and the cousin.
        await AssertUnseenAsync(id, "jincheng.duty", "chengqu.duty", "xinzhou_edz.duty", "shanxi.analyst");
    }

    [Fact]
    public async Task Level_I_is_the_commanders_alone_and_asks_the_city_for_support_by_itself()
    {
        var (id, _, _) = await ReportLeakAsync();

        // Assessment: confirmed large → 002 §4.2.1 recommends level I.
        var assessed = await Desk.ActAsync(id, "assessment", "yangcheng.duty", new { outcome = "confirmed", grade = "large", capacityExceeded = false });
        Assert.Equal("confirmed", State(assessed));
        Assert.Equal("I", Text(assessed, "recommendedResponseLevel"));

        // Level I is the commander's alone (002 §4.2.1): the deputy and the office director are refused and nothing moves.
        foreach (var refused in new[] { "yangcheng.deputy", "yangcheng.director" })
        {
            var reply = await Desk.TryActAsync(id, "response", refused, new { level = "I" });
            Assert.True(reply.Status == HttpStatusCode.Forbidden, $"{refused} starting level I: {reply}");
            Assert.Equal("role_not_allowed", reply.Code);
            Assert.Contains("commander", reply.Body.ToString());
        }
        var unchanged = await Desk.GetAsync(id, "yangcheng.duty");
        Assert.Equal("confirmed", State(unchanged));
        Assert.Empty(Escalations(unchanged));
        Assert.Equal(TimelineLength(assessed), TimelineLength(unchanged));

        // The commander starts it; level I escalates to Jincheng by itself, which meets the report-upward clock.
        var responding = await Desk.ActAsync(id, "response", "yangcheng.commander", new { level = "I" });
        Assert.Equal("responding", State(responding));
        Assert.Equal("I", Text(responding, "responseLevel"));
        Assert.Equal("yangcheng", Text(responding, "responseStartedBy"));
        Assert.Equal("yangcheng", Text(responding, "commandTenant"));
        Assert.Equal(["jincheng"], EscalatedTo(responding));
        var support = Assert.Single(Escalations(responding));
        Assert.Equal("support", Text(support, "kind"));
        Assert.Equal("yangcheng", Text(support, "fromTenant"));
        Assert.Equal("jincheng", Text(support, "toTenant"));
        Assert.True(support.GetProperty("automatic").GetBoolean());
        var met = RequiredDeadline(responding, "report_upward");
        Assert.Equal("met", Text(met, "status"));
        Assert.NotNull(Text(met, "metAt"));
    }

    [Fact]
    public async Task The_city_finds_the_escalation_reads_the_whole_timeline_and_signs_for_it_while_no_one_else_sees_it()
    {
        var (id, responding) = await RespondingAtLevelIAsync();

        // Jincheng's duty officer finds it among the escalations, unacknowledged, and reads the whole timeline.
        var entry = await Desk.EscalatedEntryAsync("jincheng.duty", id);
        Assert.True(entry is not null, "jincheng.duty does not see the escalated incident");
        Assert.False(entry.Value.GetProperty("acknowledged").GetBoolean());
        Assert.Equal(TimelineLength(responding), TimelineLength(entry.Value));
        // The board says what was sent: level I asked for support by itself, in the commander's name, with the plan's reason.
        var sent = Assert.Single(Escalations(entry.Value));
        Assert.Equal(("support", "yangcheng", "jincheng", "yangcheng.commander", true),
            (Text(sent, "kind"), Text(sent, "fromTenant"), Text(sent, "toTenant"), Text(sent, "by"), sent.GetProperty("automatic").GetBoolean()));
        Assert.Contains("支援", Text(sent, "reason"));
        Assert.Equal(At(Escalations(responding)[0], "at"), At(sent, "at"));
        var atCity = await Desk.GetAsync(id, "jincheng.duty");
        Assert.Equal(TimelineLength(responding), TimelineLength(atCity));
        // What the city's duty desk may do now, as the service says: sign, ask, send on up; taking over is for its commanders.
        Assert.Equal(["escalate", "acknowledge", "inquire"], Acts(atCity));
        Assert.Equal(["escalate", "acknowledge", "take_over", "inquire"], Acts(await Desk.GetAsync(id, "jincheng.commander")));
        Assert.True(TimelineLength(atCity) >= 3, $"the city sees only part of the timeline: {atCity.GetProperty("timeline")}");
        Assert.Contains(atCity.GetProperty("timeline").EnumerateArray(), t => Text(t, "actor") == "yangcheng.commander");

        // Escalation to Jincheng shows it to Jincheng only: not to the other counties and bureaus under it, not beyond.
        await AssertUnseenAsync(id, "chengqu.duty", "jincheng_energy.duty", "xinzhou_edz.duty", "shanxi.analyst");

        // The request for support already went up by itself: asking again is refused, not sent twice.
        var twice = await Desk.TryActAsync(id, "escalations", "yangcheng.duty", new { kind = "support", reason = "请求市指挥部支援。", byPhone = false });
        Assert.True(twice.Status == HttpStatusCode.Conflict, $"a second escalation from yangcheng: {twice}");
        Assert.Equal("already_escalated", twice.Code);

        // Jincheng signs for it (已签收).
        var acknowledged = await Desk.ActAsync(id, "acknowledgement", "jincheng.duty");
        Assert.Equal("jincheng.duty", Text(Escalations(acknowledged)[0], "acknowledgedBy"));
        Assert.Equal(["escalate", "inquire"], Acts(acknowledged));
        Assert.True((await Desk.EscalatedEntryAsync("jincheng.duty", id))!.Value.GetProperty("acknowledged").GetBoolean());
    }

    [Fact]
    public async Task The_city_asks_and_the_county_answers_within_the_platform_default_hour()
    {
        var (id, _) = await RespondingAtLevelIAsync();

        // Jincheng asks (催报); 002 is silent on inquiries, so Yangcheng owes the answer within the platform's 60 minutes.
        var asked = await Desk.ActAsync(id, "inquiries", "jincheng.duty", new { question = "请核实泄露数据的条数和涉及的系统。" });
        var inquiry = Assert.Single(asked.GetProperty("inquiries").EnumerateArray());
        Assert.Equal("jincheng", Text(inquiry, "fromTenant"));
        Assert.Equal("yangcheng", Text(inquiry, "toTenant"));
        Assert.Equal("jincheng.duty", Text(inquiry, "askedBy"));
        var inquiryId = Text(inquiry, "id")!;
        var answerClock = RequiredDeadline(asked, "inquiry_answer", inquiryId);
        Assert.Equal("yangcheng", Text(answerClock, "owedBy"));
        Assert.Equal("due", Text(answerClock, "status"));
        Assert.Equal(At(inquiry, "askedAt").AddMinutes(60), At(answerClock, "dueAt"));
        Assert.Equal(At(inquiry, "answerDueAt"), At(answerClock, "dueAt"));

        // Yangcheng answers; the clock is met and the city reads the answer.
        var answered = await Desk.ActAsync(id, $"inquiries/{inquiryId}/answer", "yangcheng.duty", new { answer = "约两万条，涉及社保查询系统。" });
        Assert.Equal("met", Text(RequiredDeadline(answered, "inquiry_answer", inquiryId), "status"));
        var answeredAtCity = (await Desk.GetAsync(id, "jincheng.duty")).GetProperty("inquiries")[0];
        Assert.Equal("约两万条，涉及社保查询系统。", Text(answeredAtCity, "answer"));
        Assert.Equal("yangcheng.duty", Text(answeredAtCity, "answeredBy"));
    }

    [Fact]
    public async Task A_follow_up_reaches_the_city_and_the_province_sees_the_incident_only_once_the_city_reports_it()
    {
        var (id, responding) = await RespondingAtLevelIAsync();

        // A follow-up (续报) is appended to the timeline, and the city sees it as it comes.
        var followedUp = await Desk.ActAsync(id, "followups", "yangcheng.duty", new { content = "已完成溯源，攻击源为境外 IP。", kind = "progress" });
        Assert.Equal(TimelineLength(responding) + 1, TimelineLength(followedUp));
        var last = followedUp.GetProperty("timeline")[TimelineLength(followedUp) - 1];
        Assert.Equal("yangcheng.duty", Text(last, "actor"));
        Assert.Equal("yangcheng", Text(last, "actorTenant"));
        Assert.Equal(TimelineLength(followedUp), TimelineLength(await Desk.GetAsync(id, "jincheng.duty")));

        // The province sees it only once Jincheng reports it further up.
        await AssertUnseenAsync(id, "shanxi.analyst");
        var upward = await Desk.ActAsync(id, "escalations", "jincheng.duty", new { kind = "report", reason = "涉及个人信息两万条，报省指挥机构。", byPhone = false });
        Assert.Equal(["jincheng", "shanxi"], EscalatedTo(upward));
        Assert.Equal("shanxi", Text(Escalations(upward)[^1], "toTenant"));
        Assert.Equal(id, Id(await Desk.GetAsync(id, "shanxi.analyst")));
        var atProvince = await Desk.EscalatedEntryAsync("shanxi.analyst", id);
        Assert.True(atProvince is not null, "shanxi does not list what jincheng escalated to it");
        // The province's board holds what Jincheng sent it, and not the county's request to Jincheng.
        var sentUp = Assert.Single(Escalations(atProvince.Value));
        Assert.Equal(("report", "jincheng", "涉及个人信息两万条，报省指挥机构。", "jincheng.duty"),
            (Text(sentUp, "kind"), Text(sentUp, "fromTenant"), Text(sentUp, "reason"), Text(sentUp, "by")));
        Assert.Single(Escalations((await Desk.EscalatedEntryAsync("jincheng.duty", id))!.Value));
        await AssertUnseenAsync(id, "chengqu.duty", "xinzhou_edz.duty");
    }

    [Fact]
    public async Task The_citys_commander_takes_over_and_from_then_on_only_the_city_ends_the_response()
    {
        var (id, _) = await RespondingAtLevelIAsync();

        // Jincheng's commander takes over command (its duty officer may not).
        var byDuty = await Desk.TryActAsync(id, "takeover", "jincheng.duty", new { reason = "值班员无权接管。" });
        Assert.True(byDuty.Status == HttpStatusCode.Forbidden, byDuty.ToString());
        Assert.Equal("role_not_allowed", byDuty.Code);
        Assert.Equal("yangcheng", Text(await Desk.GetAsync(id, "yangcheng.duty"), "commandTenant"));
        var takenOver = await Desk.ActAsync(id, "takeover", "jincheng.commander", new { reason = "事态超出县级处置能力。" });
        Assert.Equal("jincheng", Text(takenOver, "commandTenant"));
        var controlled = await Desk.ActAsync(id, "response/control", "jincheng.commander");
        Assert.Equal("controlled", State(controlled));

        var notInCommand = await Desk.TryActAsync(id, "response/end", "yangcheng.commander");
        Assert.True(
            (notInCommand.Status is HttpStatusCode.Forbidden or HttpStatusCode.Conflict) && notInCommand.Code == "not_in_command",
            $"yangcheng.commander ending a response jincheng commands: {notInCommand}");
        Assert.Equal("controlled", State(await Desk.GetAsync(id, "yangcheng.duty")));

        var ended = await Desk.ActAsync(id, "response/end", "jincheng.commander");
        Assert.Equal("response_ended", State(ended));
        Assert.Equal("response_ended", State(await Desk.GetAsync(id, "yangcheng.duty")));
    }

    /// <summary>Yangcheng's duty officer records a large data leak that began five minutes ago.</summary>
    private async Task<(string Id, JsonElement Reported, DateTimeOffset OccurredAt)> ReportLeakAsync()
    {
        var occurredAt = MinutesAgo(5);
        var reported = await Desk.ReportAsync("yangcheng.duty", Form("large", "data_security", "data_leak", occurredAt));
        return (Id(reported), reported, occurredAt);
    }

    /// <summary>The leak confirmed and its commander's level I started, which sent it up to Jincheng.</summary>
    private async Task<(string Id, JsonElement Responding)> RespondingAtLevelIAsync()
    {
        var (id, _, _) = await ReportLeakAsync();
        await Desk.ActAsync(id, "assessment", "yangcheng.duty", new { outcome = "confirmed", grade = "large", capacityExceeded = false });
        return (id, await Desk.ActAsync(id, "response", "yangcheng.commander", new { level = "I" }));
    }

    [Fact]
    public async Task Every_tenant_on_the_chain_sends_to_its_own_parent_and_each_kind_once()
    {
        // Level I sent it to Jincheng by itself, and Jincheng reported it on to the province.
        var (id, _) = await Desk.EscalatedYangchengIncidentAsync();
        var upward = await Desk.ActAsync(id, "escalations", "jincheng.duty", new { kind = "report", reason = "报省指挥机构。", byPhone = false });
        Assert.Equal(["jincheng", "shanxi"], EscalatedTo(upward));

        // The county still asks its own parent, the city, to take over; it never reaches past it.
        var handover = await Desk.ActAsync(id, "escalations", "yangcheng.commander", new { kind = "handover", reason = "请求市指挥部接管指挥。", byPhone = false });
        var sent = Escalations(handover).Single(e => Text(e, "kind") == "handover");
        Assert.Equal(("yangcheng", "jincheng"), (Text(sent, "fromTenant"), Text(sent, "toTenant")));
        Assert.Equal(["jincheng", "shanxi"], EscalatedTo(handover));

        // The same kind twice from the same tenant is refused and changes nothing.
        var again = await Desk.TryActAsync(id, "escalations", "yangcheng.commander", new { kind = "handover", reason = "再次请求。", byPhone = false });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal(Escalations(handover).Length, Escalations(await Desk.GetAsync(id, "yangcheng.duty")).Length);
    }

    [Fact]
    public async Task Each_tenant_acts_only_where_it_stands_in_the_chain_and_the_province_asks_the_city()
    {
        var (id, _) = await Desk.EscalatedYangchengIncidentAsync();
        var before = await Desk.GetAsync(id, "yangcheng.duty");

        // Jincheng has it but does not command it yet: no follow-ups from the city in the county's name.
        await AssertRefusedAsync(id, "followups", "jincheng.duty", new { content = "市指挥部续报。", kind = "progress" });
        // The county cannot sign for, question or take over its own incident.
        await AssertRefusedAsync(id, "acknowledgement", "yangcheng.duty", new { });
        await AssertRefusedAsync(id, "inquiries", "yangcheng.duty", new { question = "自问自答？" });
        await AssertRefusedAsync(id, "takeover", "yangcheng.commander", new { reason = "本级接管。" });
        var unchanged = await Desk.GetAsync(id, "yangcheng.duty");
        Assert.Equal(TimelineLength(before), TimelineLength(unchanged));
        Assert.Equal(before.GetProperty("inquiries").GetArrayLength(), unchanged.GetProperty("inquiries").GetArrayLength());

        // The province asks whoever sent it up — Jincheng — which answers under 001, silent on inquiries: the default 60 minutes.
        await Desk.ActAsync(id, "escalations", "jincheng.duty", new { kind = "report", reason = "报省指挥机构。", byPhone = false });
        var asked = await Desk.ActAsync(id, "inquiries", "shanxi.duty", new { question = "请报告市级处置进展。" });
        var inquiry = asked.GetProperty("inquiries").EnumerateArray().Single(q => Text(q, "fromTenant") == "shanxi");
        Assert.Equal("jincheng", Text(inquiry, "toTenant"));
        var clock = RequiredDeadline(asked, "inquiry_answer", Text(inquiry, "id"));
        Assert.Equal("jincheng", Text(clock, "owedBy"));
        Assert.Equal(At(inquiry, "askedAt").AddMinutes(60), At(clock, "dueAt"));
        await AssertRefusedAsync(id, $"inquiries/{Text(inquiry, "id")}/answer", "yangcheng.duty", new { answer = "县级代答。" });
        var answered = await Desk.ActAsync(id, $"inquiries/{Text(inquiry, "id")}/answer", "jincheng.duty", new { answer = "市指挥部已派出技术支撑队伍。" });
        Assert.Equal("met", Text(RequiredDeadline(answered, "inquiry_answer", Text(inquiry, "id")), "status"));

        // Once Jincheng commands, its follow-ups are part of the record.
        await Desk.ActAsync(id, "takeover", "jincheng.commander", new { reason = "市指挥部接管。" });
        var followedUp = await Desk.ActAsync(id, "followups", "jincheng.duty", new { content = "市指挥部续报：已完成溯源。", kind = "progress" });
        Assert.Equal("jincheng", Text(followedUp.GetProperty("timeline")[TimelineLength(followedUp) - 1], "actorTenant"));
    }

    [Fact]
    public async Task An_analyst_reads_the_county_incidents_but_neither_reports_nor_adds_to_them()
    {
        var refused = await Desk.SendAsync(HttpMethod.Post, Base, "yangcheng.analyst", Form("general", "malware", "ransomware", MinutesAgo(2)));
        Assert.True(refused.Status == HttpStatusCode.Forbidden, refused.ToString());
        Assert.Equal("role_not_allowed", refused.Code);

        var id = Id(await Desk.ReportAsync("yangcheng.reporter", Form("general", "malware", "ransomware", MinutesAgo(2))));
        Assert.Contains(id, await Desk.ListedIdsAsync("yangcheng.analyst"));
        var before = await Desk.GetAsync(id, "yangcheng.analyst");

        var followUp = await Desk.TryActAsync(id, "followups", "yangcheng.analyst", new { content = "分析员续报", kind = "progress" });
        Assert.True(followUp.Status == HttpStatusCode.Forbidden, followUp.ToString());
        Assert.Equal(TimelineLength(before), TimelineLength(await Desk.GetAsync(id, "yangcheng.analyst")));
    }

    [Fact]
    public async Task Sending_the_same_report_twice_with_one_idempotency_key_records_it_once()
    {
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var form = Form("large", "network_attack", "denial_of_service", MinutesAgo(3));

        var first = await Desk.SendAsync(HttpMethod.Post, Base, "yangcheng.duty", form, key);
        Assert.True(first.Status == HttpStatusCode.Created, first.ToString());
        var idsAfterFirst = await Desk.ListedIdsAsync("yangcheng.duty");

        // A flaky county link resends the same request: the same incident comes back, marked as a replay.
        var again = await Desk.SendAsync(HttpMethod.Post, Base, "yangcheng.duty", form, key);
        Assert.True(again.Status == HttpStatusCode.Created, again.ToString());
        Assert.Equal(Id(first.Body), Id(again.Body));
        Assert.Equal(Text(first.Body, "number"), Text(again.Body, "number"));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single(), ignoreCase: true);

        // The same key on a different form is a client bug, not a retry.
        var other = Form("general", "network_attack", "denial_of_service", MinutesAgo(3));
        var reused = await Desk.SendAsync(HttpMethod.Post, Base, "yangcheng.duty", other, key);
        Assert.True(reused.Status == HttpStatusCode.Conflict, reused.ToString());
        Assert.Equal("idempotency_key_reused", reused.Code);

        Assert.Equal(idsAfterFirst.Order(), (await Desk.ListedIdsAsync("yangcheng.duty")).Order());
    }

    public static TheoryData<string, string> BadForms => new()
    {
        // 2007's "harmful_program" is a category elsewhere, but not in Yangcheng's 2023 taxonomy (002 §1.4).
        { "category_not_in_taxonomy", "category" },
        { "unknown_grade", "grade" },
        { "occurred_in_the_future", "occurredAt" },
        { "missing_required_fields", "category" },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_bad_report_form_is_refused_field_by_field_in_chinese_and_english_and_records_nothing(string flaw, string field)
    {
        var form = Form("large", "data_security", "data_leak", MinutesAgo(5));
        switch (flaw)
        {
            case "category_not_in_taxonomy":
                form["category"] = "harmful_program";
                form["subcategory"] = "computer_virus";
                break;
            case "unknown_grade":
                form["grade"] = "catastrophic";
                break;
            case "occurred_in_the_future":
                form["occurredAt"] = DateTimeOffset.UtcNow.AddHours(1);
                break;
            case "missing_required_fields":
                form.Remove("category");
                form.Remove("grade");
                form.Remove("occurredAt");
                break;
        }
        var before = await Desk.ListedIdsAsync("yangcheng.duty");

        var reply = await Desk.SendAsync(HttpMethod.Post, Base, "yangcheng.duty", form);

        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{flaw}: {reply}");
        var errors = reply.Body.GetProperty("fieldErrors").EnumerateArray().ToArray();
        Assert.Contains(errors, e => Text(e, "field") == field);
        if (flaw == "missing_required_fields")
        {
            Assert.Contains(errors, e => Text(e, "field") == "grade");
            Assert.Contains(errors, e => Text(e, "field") == "occurredAt");
        }
        foreach (var error in errors)
        {
            Assert.Matches(Chinese(), Text(error, "message"));
            Assert.Matches(English(), Text(error, "messageEn"));
        }
        Assert.Equal(before.Order(), (await Desk.ListedIdsAsync("yangcheng.duty")).Order());
    }

    [Fact]
    public async Task An_act_the_incident_is_not_ready_for_is_refused_as_invalid_state_and_changes_nothing()
    {
        var reported = await Desk.ReportAsync("yangcheng.duty", Form("large", "data_security", "data_leak", MinutesAgo(2)));
        var id = Id(reported);

        // A response starts from a confirmed incident, not from an unassessed report.
        var early = await Desk.TryActAsync(id, "response", "yangcheng.commander", new { level = "I" });
        Assert.True(early.Status == HttpStatusCode.Conflict, early.ToString());
        Assert.Equal("invalid_state", early.Code);

        // Closing needs a review, or a confirmed incident without a response.
        var closing = await Desk.TryActAsync(id, "close", "yangcheng.commander");
        Assert.True(closing.Status == HttpStatusCode.Conflict, closing.ToString());
        Assert.Equal("invalid_state", closing.Code);

        var after = await Desk.GetAsync(id, "yangcheng.duty");
        Assert.Equal("reported", State(after));
        Assert.Equal(TimelineLength(reported), TimelineLength(after));
        Assert.Empty(EscalatedTo(after));

        // A false alarm never gets a response.
        var falseAlarm = await Desk.ActAsync(id, "assessment", "yangcheng.duty", new { outcome = "false_alarm", grade = "large", capacityExceeded = false });
        Assert.Equal("false_alarm", State(falseAlarm));
        var late = await Desk.TryActAsync(id, "response", "yangcheng.commander", new { level = "I" });
        Assert.True(late.Status == HttpStatusCode.Conflict, late.ToString());
        Assert.Equal("invalid_state", late.Code);
        Assert.Equal("false_alarm", State(await Desk.GetAsync(id, "yangcheng.duty")));

        // The office finds it filed under false alarms, and no longer among open reports.
        Assert.Contains(id, await Desk.ListedIdsAsync("yangcheng.duty", "?state=false_alarm"));
        Assert.DoesNotContain(id, await Desk.ListedIdsAsync("yangcheng.duty", "?state=reported"));
    }

    /// <summary>An act the user's tenant has no part in: refused (403, or 409 for a state the chain is in).</summary>
    private async Task AssertRefusedAsync(string id, string act, string username, object body)
    {
        var reply = await Desk.TryActAsync(id, act, username, body);
        Assert.True(reply.Status is HttpStatusCode.Forbidden or HttpStatusCode.Conflict, $"{act} by {username}: {reply}");
    }

    /// <summary>Each user gets 404 for the incident and finds it in none of their listings.</summary>
    private async Task AssertUnseenAsync(string id, params string[] usernames)
    {
        foreach (var username in usernames)
        {
            var reply = await Desk.TryGetAsync(id, username);
            Assert.True(reply.Status == HttpStatusCode.NotFound, $"{username} reading the incident: {reply}");
            Assert.DoesNotContain(id, await Desk.ListedIdsAsync(username));
            Assert.DoesNotContain(id, await Desk.ListedIdsAsync(username, "/escalated"));
        }
    }

    // 阳城-2026-0007: the tenant's short name, the year, a four-digit serial.
    private static Regex NumberOf(string shortName) => new($"^{shortName}-{DateTime.UtcNow.AddHours(8).Year}-\\d{{4}}$");

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"^[\x20-\x7E]*[A-Za-z]{3}[\x20-\x7E]*$")]
    private static partial Regex English();

    private static string[] Acts(JsonElement incident) =>
        incident.GetProperty("allowedActs").EnumerateArray().Select(a => a.GetString()!).ToArray();
}
