using Fenghuo.Summaries.Apis;
using Fenghuo.Summaries.Data;
using Fenghuo.Summaries.Domain;
using Fenghuo.Summaries.Exports;
using MiniExcelLibs;

namespace Fenghuo.Summaries.Tests;

/// <summary>"达标 m / n" on the summaries page and in its export: a jurisdiction is only behind when its plan asks for drills.</summary>
public sealed class DrillComplianceTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Jurisdictions_without_a_plan_or_a_yearly_minimum_are_not_applicable_and_outside_the_count()
    {
        var overview = JinchengOverview();

        // Jincheng met its two, Yangcheng is behind; Chengqu has no plan and the zone's plan sets no minimum.
        var total = overview.Root.Subtree.Drills;
        Assert.Equal((2L, 1L, 2L), (total.Jurisdictions, total.Compliant, total.NotApplicable));
        var chengqu = overview.Root.Children.Single(c => c.Code == "chengqu").Own.Drills;
        Assert.Equal((DrillCompliance.NoPlan, 0L, 1L), (chengqu.Compliance, chengqu.Jurisdictions, chengqu.NotApplicable));
        var yangcheng = overview.Root.Children.Single(c => c.Code == "yangcheng").Own.Drills;
        Assert.Equal(("未达标", 1L, 0L, 0L), (yangcheng.ComplianceLabel, yangcheng.Jurisdictions, yangcheng.Compliant, yangcheng.NotApplicable));
    }

    [Fact]
    public async Task The_exported_drill_sheet_says_how_many_are_not_applicable_beside_the_compliant_count()
    {
        await using var file = await XlsxWriter.WriteAsync(new OverviewExport().Sheets(JinchengOverview()), CancellationToken.None);

        file.Position = 0;
        var rows = MiniExcel.Query(file, useHeaderRow: false, sheetName: "演练").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(("下辖适用辖区数", "下辖达标数", "下辖不适用辖区数"), (rows[0]["F"], rows[0]["G"], rows[0]["H"]));
        var jincheng = rows.Single(r => (r["A"] as string)?.Trim('　') == "晋城市");
        Assert.Equal((2L, 1L, 2L), (Convert.ToInt64(jincheng["F"]), Convert.ToInt64(jincheng["G"]), Convert.ToInt64(jincheng["H"])));
    }

    private static OverviewView JinchengOverview()
    {
        var tenants = new TenantRow[]
        {
            new("jincheng", "shanxi.jincheng", "晋城市", "City", null),
            new("yangcheng", "shanxi.jincheng.yangcheng", "阳城县", "County", "jincheng"),
            new("chengqu", "shanxi.jincheng.chengqu", "城区", "County", "jincheng"),
            new("jincheng_energy", "shanxi.jincheng.jincheng_energy", "晋城能源", "Zone", "jincheng"),
        };
        var plans = new[] { Plan("jincheng", 2), Plan("yangcheng", 1), Plan("jincheng_energy", null) };
        var rows = new OverviewRows(tenants, [], [], [], [], [], [], [], plans, [new DrillCountRow("jincheng", 2)]);
        var period = new Period(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero), Now);

        return Overview.Build(rows, "jincheng", period, TallyCover.Of(period), Now);
    }

    private static PlanRow Plan(string tenant, int? minimum) => new()
    {
        TenantCode = tenant, Version = 1, EffectiveFrom = "2026-01-01", PublishedAt = Now.AddMonths(-6), MinimumDrillsPerYear = minimum,
        Labels = """{"category":{},"level":{},"warning":{}}""",
    };
}
