namespace Fenghuo.Contracts.Incidents;

/// <summary>
/// The lifecycle: reported → assessed (confirmed, false alarm, or not a security incident and
/// transferred) → responding at a level → controlled → response ended → reviewed → closed.
/// </summary>
public enum IncidentState
{
    [Chinese("已报告")]
    Reported,
    [Chinese("已确认")]
    Confirmed,
    [Chinese("误报")]
    FalseAlarm,
    [Chinese("非安全事件已移交")]
    Transferred,
    [Chinese("响应中")]
    Responding,
    [Chinese("已控制")]
    Controlled,
    [Chinese("响应结束")]
    ResponseEnded,
    [Chinese("已总结")]
    Reviewed,
    [Chinese("已关闭")]
    Closed,
}
