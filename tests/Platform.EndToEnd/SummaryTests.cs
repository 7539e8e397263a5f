using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Fenghuo.Testing;
using static Fenghuo.Platform.EndToEnd.IncidentDesk;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// The province's standing through the gateway: reports made in three jurisdictions of Jincheng
/// show in shanxi.analyst's overview under Jincheng, agree with the incidents service's own counts,
/// and go out as files a province office opens in Excel or WPS.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SummaryTests(PlatformFixture fixture)
{
    private const string Overview = "api/summaries/overview";

    private static readonly string[] Reporters = ["yangcheng", "chengqu", "jincheng_energy"];

    private GatewayClient Gateway => fixture.Gateway;

    private IncidentDesk Desk { get; } = new(fixture.Gateway);

    [Fact]
    public async Task The_province_sees_jincheng_with_the_reports_of_its_children_and_the_same_totals_as_the_incidents_service()
    {
        var before = await Eventually.Value(() => OverviewAsync("shanxi.analyst"), o => o is not null, "the province's overview answers");
        var jinchengBefore = Node(before!.Value, "jincheng")!.Value;

        foreach (var tenant in Reporters)
        {
            await Desk.ReportAsync($"{tenant}.duty", Form("general", "network_attack", "denial_of_service", MinutesAgo(3)));
        }

        var after = await Eventually.Value(() => OverviewAsync("shanxi.analyst"),
            o => o is { } view && Total(Node(view, "jincheng")!.Value, "subtree") == Total(jinchengBefore, "subtree") + Reporters.Length,
            "the three reports reach the province's overview");
        var jincheng = Node(after!.Value, "jincheng")!.Value;
        var children = jincheng.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToArray();
        Assert.All(Reporters, tenant => Assert.Contains(tenant, children));
        foreach (var tenant in Reporters)
        {
            Assert.Equal(Total(Node(jinchengBefore, tenant)!.Value, "own") + 1, Total(Node(jincheng, tenant)!.Value, "own"));
        }

        // The series over time counts the same real incidents, bucket by bucket, for the province and for a city.
        foreach (var view in new[] { after.Value, (await OverviewAsync("shanxi.analyst", "root=jincheng"))!.Value })
        {
            var series = view.GetProperty("series");
            Assert.Contains(series.GetProperty("interval").GetString(), new[] { "day", "month" });
            var points = series.GetProperty("points").EnumerateArray().ToArray();
            Assert.NotEmpty(points);
            Assert.Equal(Total(view.GetProperty("root"), "subtree"), points.Sum(p => p.GetProperty("total").GetInt64()));
            Assert.All(points, p => Assert.Equal(p.GetProperty("total").GetInt64(), p.GetProperty("byGrade").EnumerateArray().Sum(g => g.GetProperty("count").GetInt64())));
        }

        // The incidents service's own counts over the same subtree agree, once every event has arrived.
        await Eventually.Until(async () =>
        {
            var node = Node((await OverviewAsync("shanxi.analyst", "from=2020-01-01"))!.Value, "jincheng")!.Value;
            return await IncidentsServiceCountAsync("shanxi.analyst", node) == Total(node, "subtree");
        }, "the overview's Jincheng total equals the incidents service's count of Jincheng's subtree");
    }

    [Fact]
    public async Task A_county_sees_only_itself_a_sibling_root_is_not_found_and_the_platform_admin_none()
    {
        var yangcheng = await Eventually.Value(() => OverviewAsync("yangcheng.analyst"), o => o is not null, "yangcheng's overview answers");
        var root = yangcheng!.Value.GetProperty("root");
        Assert.Equal("yangcheng", root.GetProperty("code").GetString());
        Assert.Equal(0, root.GetProperty("children").GetArrayLength());
        Assert.DoesNotContain("chengqu", yangcheng.Value.GetRawText());

        using var sibling = await Gateway.GetAsync($"{Overview}?root=chengqu", "yangcheng.analyst");
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);
        using var above = await Gateway.GetAsync($"{Overview}?root=jincheng", "yangcheng.analyst");
        Assert.Equal(HttpStatusCode.NotFound, above.StatusCode);
        using var admin = await Gateway.GetAsync(Overview, "admin");
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        using var adminLedger = await Gateway.GetAsync("api/summaries/incidents?format=csv", "admin");
        Assert.Equal(HttpStatusCode.Forbidden, adminLedger.StatusCode);
        using var reporter = await Gateway.GetAsync(Overview, "yangcheng.reporter");
        Assert.Equal(HttpStatusCode.Forbidden, reporter.StatusCode);
    }

    [Fact]
    public async Task Bad_query_parameters_answer_a_problem_with_field_errors_in_chinese_and_english()
    {
        using var response = await Gateway.GetAsync("api/summaries/export?format=pdf&from=yesterday", "jincheng.analyst");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var fields = problem.GetProperty("fieldErrors").EnumerateArray().ToDictionary(e => e.GetProperty("field").GetString()!);
        Assert.Contains("xlsx", fields["format"].GetProperty("message").GetString());
        Assert.Contains("must be xlsx or csv", fields["format"].GetProperty("messageEn").GetString());
        Assert.Contains("起始时间", fields["from"].GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_ledger_csv_starts_with_a_bom_and_the_overview_xlsx_opens_as_a_workbook()
    {
        await Desk.ReportAsync("chengqu.duty", Form("general", "network_attack", "denial_of_service", MinutesAgo(2)));

        var csv = await Eventually.Value(async () =>
        {
            using var response = await Gateway.GetAsync("api/summaries/incidents?format=csv", "chengqu.analyst");
            return (response.StatusCode, Bytes: await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType);
        }, r => r.StatusCode == HttpStatusCode.OK && r.Bytes.Length > 3 && System.Text.Encoding.UTF8.GetString(r.Bytes).Split("\r\n").Length > 2,
            "chengqu's ledger lists its report");
        Assert.Equal("text/csv", csv.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv.Bytes[..3]);
        Assert.StartsWith("事件编号,辖区,事件类别,事件级别", System.Text.Encoding.UTF8.GetString(csv.Bytes[3..]));
        Assert.Contains(",城区,", System.Text.Encoding.UTF8.GetString(csv.Bytes));

        using var xlsx = await Gateway.GetAsync("api/summaries/export?format=xlsx", "jincheng.analyst");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var workbook = ReadEntry(zip, "xl/workbook.xml");
        Assert.Contains("name=\"事件\"", workbook);
        Assert.Contains("name=\"预案\"", workbook);
    }

    private static string ReadEntry(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private async Task<JsonElement?> OverviewAsync(string username, string? query = null)
    {
        using var response = await Gateway.GetAsync(query is null ? Overview : $"{Overview}?{query}", username);
        return response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : null;
    }

    /// <summary>The node of that code, the view's root or any node below it.</summary>
    private static JsonElement? Node(JsonElement viewOrNode, string code)
    {
        var node = viewOrNode.TryGetProperty("root", out var root) ? root : viewOrNode;
        if (node.GetProperty("code").GetString() == code)
        {
            return node;
        }
        return node.GetProperty("children").EnumerateArray().Select(c => Node(c, code)).FirstOrDefault(n => n is not null);
    }

    private static long Total(JsonElement node, string scope) => node.GetProperty(scope).GetProperty("incidents").GetProperty("total").GetInt64();

    /// <summary>GET /api/incidents/summary: one line per tenant, state and grade; summed over the tenants of <paramref name="node"/>'s subtree.</summary>
    private async Task<long> IncidentsServiceCountAsync(string username, JsonElement node)
    {
        var reply = await Desk.SendAsync(HttpMethod.Get, $"{Base}/summary", username);
        var codes = Codes(node).ToHashSet();
        return reply.Body.EnumerateArray().Where(line => codes.Contains(Text(line, "tenant")!)).Sum(line => line.GetProperty("count").GetInt64());
    }

    private static IEnumerable<string> Codes(JsonElement node) =>
        node.GetProperty("children").EnumerateArray().SelectMany(Codes).Prepend(node.GetProperty("code").GetString()!);
}
