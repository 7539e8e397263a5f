using Fenghuo.Contracts;
using Fenghuo.Summaries.Apis;

namespace Fenghuo.Summaries.Exports;

/// <summary>The overview as tables, one per section: each jurisdiction of the tree on a row with its subtree's totals and its own.</summary>
public sealed class OverviewExport
{
    public IReadOnlyList<Sheet> Sheets(OverviewView overview)
    {
        var nodes = Flatten(overview.Root, 0).ToList();
        string Name(OverviewNode n, int depth) => new string('　', depth) + n.Name;
        var period = $"{ChinaTime.Text(overview.From)} 至 {ChinaTime.Text(overview.To)}";
        return
        [
            new Sheet("事件", ["辖区", "范围", "统计区间", "事件总数", "演练事件", "按级别", "按类别", "按状态", "按响应级别"],
                nodes.SelectMany(x => Both(x.Node, (f, scope) => new object?[]
                {
                    Name(x.Node, x.Depth), scope, period, f.Incidents.Total, f.Incidents.Drills, Join(f.Incidents.ByGrade), Join(f.Incidents.ByCategory),
                    Join(f.Incidents.ByState), Join(f.Incidents.ByResponseLevel),
                }))),
            new Sheet("时限", ["辖区", "范围", "时限类型", "按时", "超时", "未到期", "超时中位数(分钟)", "超时P90(分钟)"],
                nodes.SelectMany(x => new[] { (Figures: x.Node.Subtree, Scope: "含下辖"), (Figures: x.Node.Own, Scope: "本级") }
                    .SelectMany(f => f.Figures.Clocks.Select(c => (IReadOnlyList<object?>)new object?[]
                    {
                        Name(x.Node, x.Depth), f.Scope, c.Label, c.Met, c.Missed, c.Open, c.MedianMinutesLate, c.P90MinutesLate,
                    })))),
            new Sheet("超时最多", ["事件编号", "辖区", "时限类型", "时限", "完成时间", "超时(分钟)"],
                overview.WorstOffenders.Select(w => (IReadOnlyList<object?>)new object?[]
                {
                    w.Number, w.TenantName, w.Label, ChinaTime.Text(w.DueAt), ChinaTime.Text(w.MetAt), w.MinutesLate,
                })),
            new Sheet("报送签收", ["辖区", "范围", "已签收", "签收用时中位数(分钟)", "签收用时P90(分钟)"],
                nodes.SelectMany(x => Both(x.Node, (f, scope) => new object?[]
                {
                    Name(x.Node, x.Depth), scope, f.Escalation.Acknowledged, f.Escalation.MedianMinutes, f.Escalation.P90Minutes,
                }))),
            new Sheet("预警", ["辖区", "范围", "按级别发布", "当前生效"],
                nodes.SelectMany(x => Both(x.Node, (f, scope) => new object?[]
                {
                    Name(x.Node, x.Depth), scope, Join(f.Warnings.IssuedByLevel), f.Warnings.InForceNow,
                }))),
            new Sheet("演练", ["辖区", "年度", "应演练次数", "已完成", "达标情况", "下辖适用辖区数", "下辖达标数", "下辖不适用辖区数"],
                nodes.Select(x => (IReadOnlyList<object?>)new object?[]
                {
                    Name(x.Node, x.Depth), x.Node.Own.Drills.Year, x.Node.Own.Drills.Required, x.Node.Own.Drills.Completed,
                    x.Node.Own.Drills.ComplianceLabel, x.Node.Subtree.Drills.Jurisdictions, x.Node.Subtree.Drills.Compliant,
                    x.Node.Subtree.Drills.NotApplicable,
                })),
            new Sheet("预案", ["辖区", "现行版本", "发布时间", "生效日期", "距上次修订(天)"],
                nodes.Select(x => (IReadOnlyList<object?>)new object?[]
                {
                    Name(x.Node, x.Depth), x.Node.Plan?.Version, ChinaTime.Text(x.Node.Plan?.PublishedAt),
                    x.Node.Plan?.EffectiveFrom.ToString("yyyy-MM-dd"), x.Node.Plan?.DaysSinceRevision,
                })),
        ];
    }

    private static IEnumerable<(OverviewNode Node, int Depth)> Flatten(OverviewNode node, int depth) =>
        node.Children.SelectMany(c => Flatten(c, depth + 1)).Prepend((node, depth));

    private static IEnumerable<IReadOnlyList<object?>> Both(OverviewNode node, Func<Figures, string, object?[]> row) =>
        [row(node.Subtree, "含下辖"), row(node.Own, "本级")];

    private static string Join(IEnumerable<CountView> counts) => string.Join("；", counts.Select(c => $"{c.Label} {c.Count}"));
}
