using System.Text.Json;

namespace Fenghuo.Incidents.Bench;

/// <summary>上报表 as the Incidents API takes it (camelCase JSON), with the field sizes of a real county report.</summary>
internal sealed record ReportForm(
    string ReportingUnit,
    string OccurringUnit,
    DateTimeOffset OccurredAt,
    string Reporter,
    string Reviewer,
    string Category,
    string Subcategory,
    string Grade,
    IReadOnlyList<string> Harms,
    string Description,
    string MeasuresTaken,
    string ConsequenceEstimate,
    string Suggestions,
    string Location,
    string Source,
    string AffectedScope,
    string EstimatedLoss,
    string Trend);

internal static class ReportForms
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A general (一般) denial-of-service report under 阳城县's plan (002, GB/T 20986-2023 taxonomy):
    /// a valid form that starts no immediate clock, so a run leaves no storm of missed deadlines behind.
    /// </summary>
    public static ReportForm Next() => new(
        ReportingUnit: "阳城县委网信办",
        OccurringUnit: "阳城县政务服务中心",
        // A few minutes ago, in UTC: PostgreSQL's timestamptz takes only UTC offsets from Npgsql.
        OccurredAt: DateTimeOffset.UtcNow.AddMinutes(-5),
        Reporter: "值班员 王某",
        Reviewer: "审核人 李某",
        Category: "network_attack",
        Subcategory: "denial_of_service",
        Grade: "general",
        Harms: ["政务服务网站访问缓慢", "部分办事系统短时中断"],
        Description: "09:40 起县政务服务网站出现大量异常访问请求，峰值带宽超过 2 Gbps，网站响应缓慢，部分在线办事系统约 15 分钟无法访问。"
            + "经初步研判为分布式拒绝服务攻击，攻击源主要为境外地址，暂未发现数据泄露或网页篡改迹象。",
        MeasuresTaken: "已启用运营商流量清洗，临时封禁异常来源地址段，切换备用出口线路，安排技术人员现场值守。",
        ConsequenceEstimate: "如攻击持续，预计影响全县在线办事约 2 小时，不涉及核心数据。",
        Suggestions: "建议市级协调运营商加大清洗能力，并通报同类系统加强监测。",
        Location: "阳城县政务服务中心机房",
        Source: "网站监测平台告警",
        AffectedScope: "县政务服务网站及 3 个在线办事系统",
        EstimatedLoss: "暂无直接经济损失",
        Trend: "攻击流量已回落，仍在持续监测");

    public static string Json(ReportForm form) => JsonSerializer.Serialize(form, Web);
}
