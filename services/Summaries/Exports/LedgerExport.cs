using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;
using Fenghuo.Summaries.Data;
using Fenghuo.Summaries.Domain;

namespace Fenghuo.Summaries.Exports;

/// <summary>The 台账: one row per real incident, Chinese headers and labels, China time.</summary>
public sealed class LedgerExport
{
    public const string Name = "事件台账";

    public static readonly IReadOnlyList<string> Headers =
    [
        "事件编号", "辖区", "事件类别", "事件级别", "发生时间", "报告时间", "向上报告时限", "向上报告时间", "是否按时上报", "响应级别", "事件状态", "关闭时间",
    ];

    public static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(IAsyncEnumerable<LedgerRow> rows)
    {
        await foreach (var r in rows)
        {
            yield return
            [
                r.Number,
                r.TenantName,
                r.CategoryName ?? r.Category,
                r.Grade is { } grade && EnumLabel.TryParse<Grade>(grade, out var g) ? EnumLabel.Chinese(g) : r.Grade,
                ChinaTime.Text(r.OccurredAt),
                ChinaTime.Text(r.ReportedAt),
                ChinaTime.Text(r.ReportDueAt),
                ChinaTime.Text(r.ReportMetAt),
                ReportedInTime(r),
                r.ResponseLevel is null ? "未启动" : r.ResponseLevelName ?? r.ResponseLevel,
                EnumLabel.TryParse<IncidentState>(r.State, out var s) ? EnumLabel.Chinese(s) : r.State,
                ChinaTime.Text(r.ClosedAt),
            ];
        }
    }

    private static string ReportedInTime(LedgerRow r) => (r.ReportDueAt, r.ReportMetAt) switch
    {
        (null, _) => "无需上报",
        ({ } due, { } met) => met <= due ? "按时" : "超时",
        _ => "尚未上报",
    };
}
