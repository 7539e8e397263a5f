using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Incidents.Acts;
using Fenghuo.Incidents.Apis;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;
using Fenghuo.Testing;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// A command's board of escalations (GET /api/incidents/escalated) says what each escalation sent to
/// it was — a report, a request for support or for it to take over — with the reason, who sent it and
/// when; and only the escalations sent to that command, never what went on further up or elsewhere.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class EscalationInboxTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task The_city_reads_the_kind_reason_sender_and_time_of_what_the_county_sent_it_and_the_province_only_what_the_city_sent_on()
    {
        // Whole seconds: the database keeps microseconds, and the times are compared exactly.
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await host.KnowAsync("shanxi", "山西省", null, "shanxi", null);
        await host.KnowAsync("chengqu", "城区", "jincheng", "shanxi.jincheng.chengqu", SeedRules.For("chengqu"));
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var acts = host.Get<EscalationActs>();

        var countySentAt = host.Clock.GetUtcNow();
        var support = await acts.EscalateAsync(await Callers.AsAsync(host, "yangcheng", "duty-officer"), id,
            new EscalationRequest("support", "县级技术力量不足，请求市级派员支援。", false), default);
        Assert.Null(support.Refusal);
        host.Clock.Advance(TimeSpan.FromMinutes(7));
        var citySentAt = host.Clock.GetUtcNow();
        var upward = await acts.EscalateAsync(await Callers.AsAsync(host, "jincheng", "duty-officer"), id,
            new EscalationRequest("report", "涉及个人信息两万条，报省指挥机构。", false), default);
        Assert.Null(upward.Refusal);

        var city = await EntryAsync(host, "jincheng", "shanxi.jincheng", id);
        var sentToCity = Assert.Single(city.Escalations);
        Assert.Equal((EscalationKind.Support, "yangcheng", "jincheng", "县级技术力量不足，请求市级派员支援。", "yangcheng.duty-officer", false),
            (sentToCity.Kind, sentToCity.FromTenant, sentToCity.ToTenant, sentToCity.Reason, sentToCity.By, sentToCity.Automatic));
        Assert.Equal(countySentAt, sentToCity.At);
        Assert.Null(sentToCity.AcknowledgedAt);

        var province = await EntryAsync(host, "shanxi", "shanxi", id);
        var sentToProvince = Assert.Single(province.Escalations);
        Assert.Equal((EscalationKind.Report, "jincheng", "涉及个人信息两万条，报省指挥机构。", "jincheng.duty-officer", citySentAt),
            (sentToProvince.Kind, sentToProvince.FromTenant, sentToProvince.Reason, sentToProvince.By, sentToProvince.At));

        // A sibling county and the county itself have nothing on their boards.
        Assert.DoesNotContain(await BoardAsync(host, "chengqu", "shanxi.jincheng.chengqu"), e => e.Id == id);
        Assert.DoesNotContain(await BoardAsync(host, "yangcheng", Reported.YangchengPath), e => e.Id == id);
    }

    [Fact]
    public async Task A_request_for_support_a_level_I_response_makes_by_itself_says_so_and_names_who_started_the_response()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var response = host.Get<ResponseActs>();
        await response.AssessAsync(await Callers.AsAsync(host, "yangcheng", "duty-officer"), id, new AssessmentRequest("confirmed", "large", false), default);
        var started = await response.StartAsync(await Callers.AsAsync(host, "yangcheng", "commander"), id, new LevelRequest("I"), default);
        Assert.Null(started.Refusal);

        var sent = Assert.Single((await EntryAsync(host, "jincheng", "shanxi.jincheng", id)).Escalations);
        Assert.Equal((EscalationKind.Support, true, "yangcheng.commander"), (sent.Kind, sent.Automatic, sent.By));
        Assert.Contains("支援", sent.Reason);
    }

    [Fact]
    public async Task The_board_carries_the_newest_page_of_a_long_record_and_the_cursor_to_the_rest()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var duty = await Callers.AsAsync(host, "yangcheng", "duty-officer");
        await host.Get<EscalationActs>().EscalateAsync(duty, id, new EscalationRequest("report", "报市级指挥机构。", false), default);
        for (var n = 1; n <= 59; n++)
        {
            await host.Get<ResponseActs>().FollowUpAsync(duty, id, new FollowUpRequest($"第{n}次续报", "progress"), null, default);
        }

        var city = await EntryAsync(host, "jincheng", "shanxi.jincheng", id);

        Assert.Equal(Enumerable.Range(10, 50).Select(n => $"第{n}次续报"), city.Timeline.Select(t => t.Summary));
        Assert.Equal((60, true, "11"), (city.TimelineTotal, city.TimelineHasMore, city.TimelineBefore));
    }

    /// <summary>The incident's line on a command's board; other tests' incidents share the database.</summary>
    private static async Task<EscalatedIncidentView> EntryAsync(IncidentsHost host, string code, string path, Guid id) =>
        Assert.Single(await BoardAsync(host, code, path), e => e.Id == id);

    private static async Task<EscalatedIncidentView[]> BoardAsync(IncidentsHost host, string code, string path) =>
        (await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope(code, path),
            s => host.Get<IncidentStore>().EscalatedToAsync(s, code, 100, DrillFilter.Exclude), CancellationToken.None))
        .Select(IncidentViews.Escalated).ToArray();
}
