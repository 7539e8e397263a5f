using System.Net;
using System.Text.Json;
using Fenghuo.Testing;
using static Fenghuo.Platform.EndToEnd.IncidentDesk;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// Each seeded plan's own rules, as its users meet them: how long they have to report upward and
/// from when, which level the plan recommends, who may start it, and whether it goes up by itself.
/// The expectations are the plans' facts written out here (section in the comment), not read from
/// the seed files the service itself loads: a test that shared its source would prove nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class IncidentPlanRulesTests(PlatformFixture fixture)
{
    private const int OccurredMinutesAgo = 10;

    private IncidentDesk Desk { get; } = new(fixture.Gateway);

    [Theory]
    // 001 §4.1: 重大 "immediately" (15 min, from awareness); §4.2.1: level I is the commander's and goes up to the province.
    [InlineData("jincheng", "major", 15, "awareness", "I", "jincheng.commander", "jincheng.deputy", "shanxi")]
    // 001 §4.1: 较大 within 1 h of occurrence; §4.2.2: level II, commander or deputy, stays in the city.
    [InlineData("jincheng", "large", 60, "occurrence", "II", "jincheng.deputy", "jincheng.director", null)]
    // 001 §4.1, §4.2.2.1: undetermined reports like 较大 (1 h) and is recommended level II.
    [InlineData("jincheng", "undetermined", 60, "occurrence", "II", "jincheng.commander", "jincheng.director", null)]
    // 000 §4.1: 一般 within 1 h of occurrence; §4.3.2: level II is the deputy's alone — not even the commander's.
    [InlineData("jincheng_energy", "general", 60, "occurrence", "II", "jincheng_energy.deputy", "jincheng_energy.commander", null)]
    // 000 §4.1: 较大 within 1 h; §4.3.1: 较大 and above is level I, the commander's, up to the superior command (Jincheng).
    [InlineData("jincheng_energy", "large", 60, "occurrence", "I", "jincheng_energy.commander", "jincheng_energy.deputy", "jincheng")]
    // 002 §4.1: 较大 within 30 min of occurrence; §4.2.1: level I, commander, up to Jincheng.
    [InlineData("yangcheng", "large", 30, "occurrence", "I", "yangcheng.commander", "yangcheng.deputy", "jincheng")]
    // 002 §4.1: 重大 "immediately" (15 min, from awareness); §4.2.1: level I.
    [InlineData("yangcheng", "major", 15, "awareness", "I", "yangcheng.commander", "yangcheng.director", "jincheng")]
    // 002 §4.1 sets no clock for 一般; §4.2.2: level II, commander or deputy.
    [InlineData("yangcheng", "general", null, null, "II", "yangcheng.deputy", "yangcheng.director", null)]
    // 002 §4.2.3: 一般以下 is level III, the office director's alone.
    [InlineData("yangcheng", "minor", null, null, "III", "yangcheng.director", "yangcheng.deputy", null)]
    // 003 §3.1.3, §4.1: every grade "immediately" (15 min, from awareness); §4.3.2: below 重大 is level II, commander or deputy.
    [InlineData("chengqu", "general", 15, "awareness", "II", "chengqu.deputy", "chengqu.director", null)]
    // 003 §4.3.1: 重大 and above is level I, the commander's, up to the superior command (Jincheng).
    [InlineData("chengqu", "major", 15, "awareness", "I", "chengqu.commander", "chengqu.deputy", "jincheng")]
    // 004 §六: 较大 reported "in time" (60 min, from awareness); §五, §七: the single response, the leadership group's, up to Xinzhou.
    [InlineData("xinzhou_edz", "large", 60, "awareness", "single", "xinzhou_edz.deputy", "xinzhou_edz.director", "xinzhou")]
    // 004 §六: only 较大 and above go to Xinzhou and 一般 has no clock; the single response stays in the zone.
    [InlineData("xinzhou_edz", "general", null, null, "single", "xinzhou_edz.commander", "xinzhou_edz.director", null)]
    public async Task A_plan_sets_the_report_clock_the_recommended_level_who_starts_it_and_whether_it_goes_up(
        string tenant, string grade, int? reportMinutes, string? clockFrom, string level, string starter, string refused, string? escalatesTo)
    {
        var occurredAt = MinutesAgo(OccurredMinutesAgo);
        var reported = await Desk.ReportAsync($"{tenant}.duty", Form(grade, "network_attack", SubcategoryIn(tenant), occurredAt));
        var id = Id(reported);

        var clock = Deadline(reported, "report_upward");
        if (reportMinutes is null)
        {
            Assert.True(clock is null, $"{tenant} sets no report clock for {grade}, yet: {clock}");
        }
        else
        {
            Assert.True(clock is not null, $"no report_upward clock for {tenant} {grade}");
            var start = clockFrom == "occurrence" ? occurredAt : At(reported, "reportedAt");
            AssertSameInstant(start.AddMinutes(reportMinutes.Value), At(clock.Value, "dueAt"));
            Assert.Equal(tenant, Text(clock.Value, "owedBy"));
        }

        var assessed = await Desk.ActAsync(id, "assessment", $"{tenant}.duty", new { outcome = "confirmed", grade, capacityExceeded = false });
        Assert.Equal(level, Text(assessed, "recommendedResponseLevel"));

        var refusal = await Desk.TryActAsync(id, "response", refused, new { level });
        Assert.True(refusal.Status == HttpStatusCode.Forbidden, $"{refused} starting {level}: {refusal}");
        Assert.Equal("role_not_allowed", refusal.Code);
        Assert.Equal("confirmed", State(await Desk.GetAsync(id, $"{tenant}.duty")));

        var started = await Desk.ActAsync(id, "response", starter, new { level });
        Assert.Equal("responding", State(started));
        Assert.Equal(level, Text(started, "responseLevel"));
        if (escalatesTo is null)
        {
            Assert.Empty(Escalations(started));
            Assert.Empty(EscalatedTo(started));
            if (reportMinutes is not null)
            {
                Assert.Equal("due", Text(RequiredDeadline(started, "report_upward"), "status"));
            }
        }
        else
        {
            var support = Assert.Single(Escalations(started));
            Assert.Equal("support", Text(support, "kind"));
            Assert.Equal(escalatesTo, Text(support, "toTenant"));
            Assert.True(support.GetProperty("automatic").GetBoolean());
            Assert.Equal([escalatesTo], EscalatedTo(started));
            if (reportMinutes is not null)
            {
                Assert.Equal("met", Text(RequiredDeadline(started, "report_upward"), "status"));
            }
            Assert.Equal(id, Id(await Desk.GetAsync(id, $"{escalatesTo}.duty")));
        }
    }

    [Fact]
    public async Task Chengqu_follows_a_phone_report_in_writing_within_30_minutes_and_answers_inquiries_within_30()
    {
        var reported = await Desk.ReportAsync("chengqu.duty", Form("general", "network_attack", "denial_of_service", MinutesAgo(OccurredMinutesAgo)));
        var id = Id(reported);

        // 003 §3.1.3: phone first, then in writing within 30 minutes of the call.
        var phoned = await Desk.ActAsync(id, "escalations", "chengqu.duty", new { kind = "report", reason = "电话报告市指挥部办公室。", byPhone = true });
        Assert.Equal(["jincheng"], EscalatedTo(phoned));
        Assert.Equal("met", Text(RequiredDeadline(phoned, "report_upward"), "status"));
        var call = Assert.Single(Escalations(phoned));
        var written = RequiredDeadline(phoned, "written_report");
        Assert.Equal("due", Text(written, "status"));
        Assert.Equal("chengqu", Text(written, "owedBy"));
        AssertSameInstant(At(call, "at").AddMinutes(30), At(written, "dueAt"));

        // 003 §4.1: a superior's inquiry is answered within 30 minutes (not the platform's default 60).
        var asked = await Desk.ActAsync(id, "inquiries", "jincheng.duty", new { question = "请报告受影响的运营商和用户数。" });
        var inquiry = Assert.Single(asked.GetProperty("inquiries").EnumerateArray());
        var inquiryId = Text(inquiry, "id")!;
        var answerClock = RequiredDeadline(asked, "inquiry_answer", inquiryId);
        Assert.Equal("chengqu", Text(answerClock, "owedBy"));
        AssertSameInstant(At(inquiry, "askedAt").AddMinutes(30), At(answerClock, "dueAt"));

        var inWriting = await Desk.ActAsync(id, "followups", "chengqu.duty", new { content = "书面报告：城区政务外网遭拒绝服务攻击，已联系运营商清洗流量。", kind = "written_report" });
        Assert.Equal("met", Text(RequiredDeadline(inWriting, "written_report"), "status"));

        var answered = await Desk.ActAsync(id, $"inquiries/{inquiryId}/answer", "chengqu.duty", new { answer = "涉及一家运营商，约三千户。" });
        Assert.Equal("met", Text(RequiredDeadline(answered, "inquiry_answer", inquiryId), "status"));
    }

    [Fact]
    public async Task The_zone_reviews_within_30_days_of_the_response_end_and_then_closes()
    {
        var reported = await Desk.ReportAsync("xinzhou_edz.duty", Form("large", "network_attack", null, MinutesAgo(OccurredMinutesAgo)));
        var id = Id(reported);
        await Desk.ActAsync(id, "assessment", "xinzhou_edz.duty", new { outcome = "confirmed", grade = "large", capacityExceeded = false });
        await Desk.ActAsync(id, "response", "xinzhou_edz.commander", new { level = "single" });
        await Desk.ActAsync(id, "response/control", "xinzhou_edz.commander");
        Assert.Null(Deadline(await Desk.GetAsync(id, "xinzhou_edz.duty"), "review"));

        // 004 §七: the review is due 30 days after the response ends.
        var before = DateTimeOffset.UtcNow;
        var ended = await Desk.ActAsync(id, "response/end", "xinzhou_edz.commander");
        var after = DateTimeOffset.UtcNow;
        Assert.Equal("response_ended", State(ended));
        var review = RequiredDeadline(ended, "review");
        Assert.Equal("due", Text(review, "status"));
        Assert.Equal("xinzhou_edz", Text(review, "owedBy"));
        Assert.InRange(At(review, "dueAt"), before.AddDays(30).AddSeconds(-1), after.AddDays(30).AddSeconds(1));

        var reviewed = await Desk.ActAsync(id, "review", "xinzhou_edz.reviewer", new { summary = "OA 系统弱口令被利用，已整改并开展专项检查。" });
        Assert.Equal("reviewed", State(reviewed));
        Assert.Equal("met", Text(RequiredDeadline(reviewed, "review"), "status"));
        Assert.Equal("closed", State(await Desk.ActAsync(id, "close", "xinzhou_edz.director")));
    }

    [Fact]
    public async Task A_report_that_goes_up_late_is_missed_the_moment_its_clock_runs_out_and_stays_missed_when_sent()
    {
        // 002 §4.1 gives a large incident 30 minutes from its occurrence; this one began 29 min 55 s ago.
        var occurredAt = MinutesAgo(30).AddSeconds(5);
        var id = Id(await Desk.ReportAsync("yangcheng.duty", Form("large", "malware", "ransomware", occurredAt)));
        var dueAt = occurredAt.AddMinutes(30);

        var missed = await Eventually.Value(() => Desk.GetAsync(id, "yangcheng.duty"),
            incident => Text(RequiredDeadline(incident, "report_upward"), "status") == "missed",
            "report_upward never turned missed after it ran out", dueAt - DateTimeOffset.UtcNow + Eventually.DefaultWithin);
        Assert.True(DateTimeOffset.UtcNow >= dueAt, "marked missed before it was due");
        Assert.Equal(JsonValueKind.Null, RequiredDeadline(missed, "report_upward").GetProperty("timeLeftSeconds").ValueKind);

        // Sent late: it keeps "missed" and records when it was met.
        var late = await Desk.ActAsync(id, "escalations", "yangcheng.duty", new { kind = "report", reason = "补报较大数据安全事件。", byPhone = false });
        var clock = RequiredDeadline(late, "report_upward");
        Assert.Equal("missed", Text(clock, "status"));
        Assert.True(At(clock, "metAt") > dueAt);
    }

    [Fact]
    public async Task Regrading_while_the_report_is_still_due_moves_the_clock_to_the_new_grade()
    {
        var occurredAt = MinutesAgo(OccurredMinutesAgo);
        var reported = await Desk.ReportAsync("yangcheng.duty", Form("undetermined", "malware", "ransomware", occurredAt));
        var id = Id(reported);
        // 002 §4.1: undetermined goes up like 较大, within 30 minutes of the occurrence.
        AssertSameInstant(occurredAt.AddMinutes(30), At(RequiredDeadline(reported, "report_upward"), "dueAt"));

        // Assessed 重大: "immediately" (15 minutes), counted from when the platform recorded the report.
        var major = await Desk.ActAsync(id, "assessment", "yangcheng.duty", new { outcome = "confirmed", grade = "major", capacityExceeded = false });
        var clock = RequiredDeadline(major, "report_upward");
        Assert.Equal("due", Text(clock, "status"));
        AssertSameInstant(At(reported, "reportedAt").AddMinutes(15), At(clock, "dueAt"));
    }

    [Fact]
    public async Task Raising_a_county_response_to_level_I_takes_its_commander()
    {
        var reported = await Desk.ReportAsync("yangcheng.duty", Form("general", "malware", "ransomware", MinutesAgo(OccurredMinutesAgo)));
        var id = Id(reported);
        await Desk.ActAsync(id, "assessment", "yangcheng.duty", new { outcome = "confirmed", grade = "general", capacityExceeded = false });
        // 002 §4.2.2: the deputy may start level II …
        Assert.Equal("II", Text(await Desk.ActAsync(id, "response", "yangcheng.deputy", new { level = "II" }), "responseLevel"));

        // … but §4.2.1 keeps level I for the commander, however it is reached.
        var refused = await Desk.TryActAsync(id, "response/level", "yangcheng.deputy", new { level = "I" }, HttpMethod.Put);
        Assert.True(refused.Status == HttpStatusCode.Forbidden, refused.ToString());
        Assert.Equal("role_not_allowed", refused.Code);
        Assert.Equal("II", Text(await Desk.GetAsync(id, "yangcheng.duty"), "responseLevel"));

        var raised = await Desk.ActAsync(id, "response/level", "yangcheng.commander", new { level = "I" }, HttpMethod.Put);
        Assert.Equal("I", Text(raised, "responseLevel"));
        Assert.Equal("responding", State(raised));
    }

    // The same category in every seed: network attacks with a denial-of-service subcategory, except
    // the zone's plan, which lists its seven categories without subcategories.
    private static string? SubcategoryIn(string tenant) => tenant == "xinzhou_edz" ? null : "denial_of_service";

    // The platform stores microseconds; compare instants, not serialisations.
    private static void AssertSameInstant(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.True((expected - actual).Duration() < TimeSpan.FromMilliseconds(1), $"expected {expected:O}, got {actual:O}");
}
