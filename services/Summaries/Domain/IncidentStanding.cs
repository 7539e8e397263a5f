using Fenghuo.Contracts;

namespace Fenghuo.Summaries.Domain;

/// <summary>Where an incident stands, as the incidents' lifecycle events say (the Incidents service's states, read from its events).</summary>
public enum IncidentStanding
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
