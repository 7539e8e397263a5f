using Fenghuo.Testing;
using System.Net;
using System.Xml.Linq;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// Warnings through the gateway with real tokens: a city warning proposed, issued by the plan's
/// approver, received and acknowledged below, invisible elsewhere, lifted only by the city and
/// then a CAP Cancel; each plan's own levels (the zone's colours, the district's situations).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WarningTests(PlatformFixture fixture)
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";

    private WarningDesk Desk => new(fixture.Gateway);

    [Fact]
    public async Task A_city_level_III_warning_reaches_its_counties_and_only_the_city_lifts_it()
    {
        var id = await Desk.ProposeAsync("jincheng.duty", "III", "晋城市Ⅲ级网络安全预警");

        var byDuty = await Desk.ActAsync(id, "issue", "jincheng.duty");
        Assert.True(byDuty.Status == HttpStatusCode.Forbidden && byDuty.Code == "role_not_allowed", byDuty.ToString());
        var issued = await Desk.DoneAsync(id, "issue", "jincheng.commander");
        Assert.Equal("in_force", issued.GetProperty("state").GetString());
        Assert.Equal("II", issued.GetProperty("recommendedResponseLevel").GetProperty("code").GetString());

        foreach (var receiver in new[] { "yangcheng.duty", "chengqu.duty" })
        {
            var line = await EventuallyListedAsync(receiver, id);
            Assert.Equal("received", line.GetProperty("direction").GetString());
            await Desk.DoneAsync(id, "acknowledgement", receiver);
        }
        var atCity = await Desk.SendAsync(HttpMethod.Get, $"{WarningDesk.Base}/{id}", "jincheng.duty");
        var receipts = atCity.Body.GetProperty("receipts").EnumerateArray()
            .ToDictionary(r => r.GetProperty("tenant").GetString()!, r => r.GetProperty("acknowledged").GetBoolean());
        Assert.True(receipts["yangcheng"] && receipts["chengqu"] && !receipts["jincheng_energy"], $"receipts as the city sees them: {atCity}");

        Assert.Equal(HttpStatusCode.NotFound, (await Desk.SendAsync(HttpMethod.Get, $"{WarningDesk.Base}/{id}", "xinzhou_edz.duty")).Status);
        Assert.Null(await Desk.ListedAsync("xinzhou_edz.duty", id));
        Assert.Equal("reported", (await EventuallyListedAsync("shanxi.duty", id)).GetProperty("direction").GetString());

        var byCounty = await Desk.ActAsync(id, "lift", "yangcheng.commander", new { reason = "县里认为风险已消除" });
        Assert.True(byCounty.Status == HttpStatusCode.Forbidden && byCounty.Code == "not_issuer", byCounty.ToString());
        var lifted = await Desk.DoneAsync(id, "lift", "jincheng.commander", new { reason = "隐患已消除，系统恢复正常" });
        Assert.Equal("lifted", lifted.GetProperty("state").GetString());
        var again = await Desk.ActAsync(id, "lift", "jincheng.commander", new { reason = "再次解除" });
        Assert.True(again.Status == HttpStatusCode.Conflict && again.Code == "already_lifted", again.ToString());

        using var cap = await fixture.Gateway.GetAsync($"{WarningDesk.Base}/{id}/cap", "yangcheng.duty");
        Assert.Equal(HttpStatusCode.OK, cap.StatusCode);
        Assert.Equal("application/cap+xml", cap.Content.Headers.ContentType?.MediaType);
        var alert = XDocument.Parse(await cap.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("Cancel", alert.Element(Cap + "msgType")!.Value);
        var alertId = lifted.GetProperty("history").EnumerateArray().First(h => h.GetProperty("act").GetString() == "issued").GetProperty("capIdentifier").GetString();
        Assert.Contains($"jincheng@fenghuo,{alertId},", alert.Element(Cap + "references")!.Value);
        Assert.Equal("140500", alert.Descendants(Cap + "geocode").Single().Element(Cap + "value")!.Value);
    }

    [Fact]
    public async Task The_zones_office_director_issues_a_yellow_warning_for_the_zone()
    {
        var id = await Desk.ProposeAsync("xinzhou_edz.duty", "yellow", "忻州经济开发区黄色预警");

        var issued = await Desk.DoneAsync(id, "issue", "xinzhou_edz.director");

        Assert.Equal("黄色预警", issued.GetProperty("level").GetProperty("name").GetString());
        Assert.Equal("忻州经济开发区", issued.GetProperty("issuingBody").GetString());
        Assert.Equal("moderate", issued.GetProperty("severity").GetString());
        Assert.Equal("reported", (await EventuallyListedAsync("xinzhou.duty", id)).GetProperty("direction").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Desk.SendAsync(HttpMethod.Get, $"{WarningDesk.Base}/{id}", "jincheng.duty")).Status);
    }

    [Fact]
    public async Task The_district_takes_its_situations_and_refuses_colours_naming_its_own_levels()
    {
        var levels = await Desk.SendAsync(HttpMethod.Get, $"{WarningDesk.Base}/levels", "chengqu.duty");
        Assert.Equal(["situation_1", "situation_2", "situation_3"], levels.Body.GetProperty("levels").Strings("code"));

        var red = await Desk.TryProposeAsync("chengqu.duty", "red", "城区红色预警", DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal(HttpStatusCode.BadRequest, red.Status);
        var error = red.Body.GetProperty("fieldErrors")[0];
        Assert.Equal("level", error.GetProperty("field").GetString());
        Assert.Contains("situation_3", error.GetProperty("message").GetString());

        var id = await Desk.ProposeAsync("chengqu.duty", "situation_3", "城区情形3预警", exercise: true, publicity: "internal");
        await Desk.DoneAsync(id, "issue", "chengqu.commander");
        using var cap = await fixture.Gateway.GetAsync($"{WarningDesk.Base}/{id}/cap", "chengqu.duty");
        var alert = XDocument.Parse(await cap.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("Exercise", alert.Element(Cap + "status")!.Value);
        Assert.Equal("Restricted", alert.Element(Cap + "scope")!.Value);

        var pastExpiry = await Desk.TryProposeAsync("chengqu.duty", "situation_3", "过期预警", DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(HttpStatusCode.BadRequest, pastExpiry.Status);
        var adjustSame = await Desk.ActAsync(id, "adjust", "chengqu.commander", new { level = "situation_3", reason = "不变" });
        Assert.Equal(HttpStatusCode.BadRequest, adjustSame.Status);
        using var feed = await fixture.Gateway.GetAsync($"{WarningDesk.Base}/cap", "chengqu.duty");
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType?.MediaType);
        Assert.Contains(id, await feed.Content.ReadAsStringAsync());
    }

    /// <summary>Issued warnings reach receivers through the same database at once; waiting only covers a busy machine.</summary>
    private async Task<System.Text.Json.JsonElement> EventuallyListedAsync(string username, string id) =>
        (await Eventually.Value(() => Desk.ListedAsync(username, id), line => line is not null, $"{username} does not list warning {id}"))!.Value;
}
