using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Fenghuo.Platform.EndToEnd.IncidentDesk;
using static Microsoft.Playwright.Assertions;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// An incident that has gathered more 续报 than a page holds, through the gateway with real tokens:
/// every answer carries the newest 50 entries, older ones come page by page to whoever may read the
/// incident, and the portal's 处置记录 loads them on 加载更早的记录.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TimelinePageTests(PlatformFixture fixture) : IAsyncLifetime
{
    private const int FollowUps = 60;

    private PortalBrowser browser = null!;

    private IncidentDesk Desk => new(fixture.Gateway);

    public async Task InitializeAsync() => browser = await PortalBrowser.LaunchAsync(fixture.Platform.Gateway);

    public async Task DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task A_long_record_answers_with_the_newest_50_and_pages_older_ones_to_the_owner_alone()
    {
        var (id, last) = await FloodedAsync();

        // The report and 60 follow-ups: the answer holds the newest 50, oldest first, and says 11 more are older.
        Assert.Equal(50, TimelineLength(last));
        Assert.Equal(Said(FollowUps), Text(last.GetProperty("timeline")[49], "summary"));
        Assert.Equal(FollowUps + 1, last.GetProperty("timelineTotal").GetInt32());
        Assert.True(last.GetProperty("timelineHasMore").GetBoolean());
        var before = Text(last, "timelineBefore")!;

        var older = await Desk.SendAsync(HttpMethod.Get, $"{Base}/{id}/timeline?before={before}", "yangcheng.duty");
        Assert.True(older.Status == HttpStatusCode.OK, older.ToString());
        var entries = older.Body.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["reported", .. Enumerable.Repeat("followup", 10)], entries.Select(e => Text(e, "act")));
        Assert.Equal(Said(10), Text(entries[^1], "summary"));
        Assert.False(older.Body.GetProperty("hasMore").GetBoolean());
        Assert.Equal(JsonValueKind.Null, older.Body.GetProperty("before").ValueKind);
        Assert.Equal(Enumerable.Range(1, 11), entries.Select(e => e.GetProperty("seq").GetInt32()));
        Assert.Equal(12, last.GetProperty("timeline")[0].GetProperty("seq").GetInt32());

        // Not escalated: the city, a sibling county and a county of another city see no page of it.
        foreach (var stranger in new[] { "jincheng.duty", "chengqu.duty", "xinzhou.duty" })
        {
            var refused = await Desk.SendAsync(HttpMethod.Get, $"{Base}/{id}/timeline?before={before}", stranger);
            Assert.True(refused.Status == HttpStatusCode.NotFound, $"{stranger}: {refused}");
        }
    }

    [Fact]
    public async Task A_cursor_or_limit_the_api_never_gave_is_refused_with_field_errors_in_chinese_and_english()
    {
        var (id, _) = await FloodedAsync(followUps: 1);

        var refused = await Desk.SendAsync(HttpMethod.Get, $"{Base}/{id}/timeline?before=abc&limit=0", "yangcheng.duty");

        Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.ToString());
        var errors = refused.Body.GetProperty("fieldErrors").EnumerateArray().ToList();
        Assert.Equal(["before", "limit"], errors.Select(e => Text(e, "field")));
        Assert.All(errors, e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", Text(e, "message")!));
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(Text(e, "messageEn"))));
        var tooMany = await Desk.SendAsync(HttpMethod.Get, $"{Base}/{id}/timeline?limit=201", "yangcheng.duty");
        Assert.Equal(("limit", HttpStatusCode.BadRequest), (Text(tooMany.Body.GetProperty("fieldErrors")[0], "field"), tooMany.Status));
        Assert.Equal(2, (await Desk.GetAsync(id, "yangcheng.duty")).GetProperty("timelineTotal").GetInt32());
    }

    [Fact]
    public async Task The_incident_page_shows_the_newest_entries_loads_older_ones_on_the_button_and_keeps_them_after_a_follow_up()
    {
        var (id, _) = await FloodedAsync();
        var page = await browser.OpenAsync();
        await PortalBrowser.SignInAsync(page, "yangcheng.duty");
        await Expect(page.GetByTestId("user-title")).ToHaveTextAsync("阳城县 · 值班员");
        await page.GotoAsync($"/incidents/{id}");

        var entries = page.GetByTestId("timeline-entry");
        await Expect(entries).ToHaveCountAsync(50);
        await Expect(entries.First).ToContainTextAsync(Said(FollowUps));
        await Expect(entries.Last).ToContainTextAsync(Said(11));
        await Expect(page.GetByTestId("timeline-count")).ToHaveTextAsync($"共 {FollowUps + 1} 条，已显示最近 50 条");
        var older = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("加载更早的记录") });
        await Expect(older).ToHaveTextAsync("加载更早的记录（还有 11 条）");
        await PortalBrowser.ScreenshotAsync(page, "timeline-newest-page");

        await older.ClickAsync();
        await Expect(entries).ToHaveCountAsync(FollowUps + 1);
        await Expect(entries.Nth(FollowUps - 1)).ToContainTextAsync(Said(1));
        await Expect(entries.Last).ToContainTextAsync("阳城县报告");
        await Expect(older).ToHaveCountAsync(0);

        // A 续报 from the page: the new entry on top, and the older entries loaded stay.
        await page.GetByLabel("续报内容").FillAsync(Said(FollowUps + 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "提交续报" }).ClickAsync();
        await Expect(entries.First).ToContainTextAsync(Said(FollowUps + 1));
        await Expect(entries).ToHaveCountAsync(FollowUps + 2);
        await Expect(entries.Last).ToContainTextAsync("阳城县报告");
        await Expect(page.GetByTestId("timeline-count")).ToHaveTextAsync($"共 {FollowUps + 2} 条");
        await PortalBrowser.ScreenshotAsync(page, "timeline-all-loaded");
    }

    /// <summary>A Yangcheng incident with <paramref name="followUps"/> 续报 by its duty officer; the last act's answer.</summary>
    private async Task<(string Id, JsonElement Last)> FloodedAsync(int followUps = FollowUps)
    {
        var last = await Desk.ReportAsync("yangcheng.duty", Form("large", "data_security", "data_leak", MinutesAgo(5)));
        var id = Id(last);
        for (var n = 1; n <= followUps; n++)
        {
            last = await Desk.ActAsync(id, "followups", "yangcheng.duty", new { content = Said(n), kind = "progress" });
        }
        return (id, last);
    }

    private static string Said(int n) => $"第{n}次续报：已隔离受影响的服务器。";
}
