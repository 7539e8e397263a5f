using System.Net;
using System.Text;
using Fenghuo.Contracts;

namespace Fenghuo.Exercises.Reports;

/// <summary>The after-action report as a printable Chinese page (A4, China time).</summary>
public static class ReportPage
{
    public const string MediaType = "text/html; charset=utf-8";

    public static string Write(AfterActionReport r)
    {
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{{E(r.Title)}} 演练总结报告</title>
            <style>
            @page { size: A4; margin: 18mm; }
            body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; font-size: 11pt; color: #111; }
            h1 { text-align: center; font-size: 18pt; } h2 { font-size: 13pt; border-bottom: 1px solid #444; margin-top: 18pt; }
            table { width: 100%; border-collapse: collapse; } th, td { border: 1px solid #666; padding: 3pt 5pt; vertical-align: top; }
            th { background: #eee; } .missed { color: #a00; font-weight: bold; }
            </style></head><body>
            <h1>{{E(r.Title)}}<br>演练总结报告</h1>
            <table>
            <tr><th>组织单位</th><td>{{E(r.OrganiserName)}}</td><th>演练形式</th><td>{{E(r.KindName)}}</td></tr>
            <tr><th>开始时间</th><td>{{T(r.StartedAt)}}</td><th>结束时间</th><td>{{T(r.EndedAt)}}</td></tr>
            <tr><th>参演单位</th><td colspan="3">{{E(string.Join("、", r.Participants.Select(p => p.Name)))}}</td></tr>
            <tr><th>演练情景</th><td colspan="3">{{E(r.Scenario)}}</td></tr>
            <tr><th>演练目标</th><td colspan="3">{{E(string.Join("；", r.Objectives))}}</td></tr>
            </table>
            <h2>一、演练过程</h2><table><tr><th>时间</th><th>经过</th><th>操作人</th></tr>
            """);
        foreach (var h in r.Timeline)
        {
            html.Append($"<tr><td>{T(h.At)}</td><td>{E(h.Summary)}</td><td>{E(h.Actor)}</td></tr>");
        }
        html.Append("</table><h2>二、情景注入与响应</h2><table><tr><th>注入</th><th>对象</th><th>送达</th><th>回应</th><th>用时（分钟）</th><th>处置情况</th></tr>");
        foreach (var i in r.InjectResponses)
        {
            html.Append($"<tr><td>第 {i.OffsetMinutes} 分钟：{E(i.Title)}</td><td>{E(i.TargetName)}</td><td>{T(i.DeliveredAt)}</td><td>{T(i.RespondedAt)}</td>"
                + $"<td>{(i.ResponseMinutes is { } m ? m.ToString("0.0") : "未回应")}</td><td>{E(i.Response ?? "")}</td></tr>");
        }
        html.Append($"</table><h2>三、时限执行情况（按时 {r.ClocksMet} 项，超时 {r.ClocksMissed} 项）</h2>"
            + "<table><tr><th>演练事件</th><th>时限</th><th>责任单位</th><th>截止</th><th>完成</th><th>结果</th><th>用时/允许（分钟）</th></tr>");
        foreach (var c in r.DrillIncidents.SelectMany(d => d.Clocks))
        {
            var outcome = c.Outcome switch { "met" => "按时", "met_late" => "超时后完成", "running" => "计时中", _ => "超时" };
            html.Append($"<tr><td>{E(c.IncidentNumber)}</td><td>{E(c.KindName)}</td><td>{E(c.OwedBy.Name)}</td><td>{T(c.DueAt)}</td><td>{T(c.MetAt)}</td>"
                + $"<td class=\"{(c.Outcome is "met" or "running" ? "" : "missed")}\">{outcome}</td><td>{(c.Minutes is { } m ? m.ToString("0.0") : "—")} / {c.MinutesAllowed:0.0}</td></tr>");
        }
        html.Append("</table><h2>四、发现的问题与整改</h2><table><tr><th>问题</th><th>严重程度</th><th>责任单位</th><th>整改期限</th><th>预案章节</th><th>状态</th></tr>");
        foreach (var f in r.Findings)
        {
            html.Append($"<tr><td>{E(f.Title)}</td><td>{EnumLabel.Chinese(f.Severity)}</td><td>{E(f.Owner.Name)}</td><td>{f.DueOn:yyyy-MM-dd}</td>"
                + $"<td>{E(f.PlanSection ?? "")}</td><td>{EnumLabel.Chinese(f.State)}</td></tr>");
        }
        html.Append($"</table><h2>五、评估结论</h2><p>{E(r.EvaluationSummary ?? "尚未评估")}</p></body></html>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string T(DateTimeOffset? at) => at is { } t ? t.ShanghaiTime().ToString("yyyy-MM-dd HH:mm:ss") : "—";
}
