using System.Net;
using System.Text.Json;
using static Fenghuo.Platform.EndToEnd.IncidentDesk;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// A command's figures for its whole subtree: every incident below it counts, escalated or not,
/// while the contents stay with the county and a sibling's figures stay out of the other's summary.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class IncidentSummaryTests(PlatformFixture fixture)
{
    private IncidentDesk Desk { get; } = new(fixture.Gateway);

    [Fact]
    public async Task A_city_counts_every_incident_of_its_counties_and_a_sibling_district_counts_none_of_them()
    {
        var cityBefore = await YangchengCountAsync("jincheng.commander");
        var provinceBefore = await YangchengCountAsync("shanxi.analyst");

        // Handled locally: a general incident, never escalated.
        var form = Form("general", "equipment_failure", "technical_fault", MinutesAgo(4));
        form["description"] = "县政务外网核心交换机故障，约二十分钟后恢复。";
        var local = await Desk.ReportAsync("yangcheng.duty", form);

        Assert.Equal(cityBefore + 1, await YangchengCountAsync("jincheng.commander"));
        Assert.Equal(provinceBefore + 1, await YangchengCountAsync("shanxi.analyst"));

        // Numbers only: the city counts it but cannot read it, and the summary carries none of its text.
        var city = await SummaryAsync("jincheng.commander");
        Assert.DoesNotContain("核心交换机", city.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await Desk.TryGetAsync(Id(local), "jincheng.commander")).Status);

        var sibling = await SummaryAsync("chengqu.commander");
        Assert.DoesNotContain("yangcheng", sibling.GetRawText());
    }

    private async Task<JsonElement> SummaryAsync(string username)
    {
        var reply = await Desk.SendAsync(HttpMethod.Get, $"{Base}/summary", username);
        Assert.True(reply.Status == HttpStatusCode.OK, $"summary as {username}: {reply}");
        return reply.Body;
    }

    /// <summary>How many of Yangcheng's incidents the user's summary counts, over all states and grades.</summary>
    private async Task<int> YangchengCountAsync(string username)
    {
        var summary = await SummaryAsync(username);
        // One line per tenant, state and grade: { tenant, state, grade, count }.
        return summary.EnumerateArray()
            .Where(line => Text(line, "tenant") == "yangcheng")
            .Sum(line => line.GetProperty("count").GetInt32());
    }
}
