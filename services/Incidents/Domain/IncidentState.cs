namespace Fenghuo.Incidents.Domain;

/// <summary>
/// The lifecycle: reported → assessed (confirmed, false alarm, or not a security incident and
/// transferred) → responding at a level → controlled → response ended → reviewed → closed.
/// </summary>
public enum IncidentState
{
    Reported,
    Confirmed,
    FalseAlarm,
    Transferred,
    Responding,
    Controlled,
    ResponseEnded,
    Reviewed,
    Closed,
}

public static class IncidentStates
{
    public static string Chinese(this IncidentState state) => state switch
    {
        IncidentState.Reported => "已报告",
        IncidentState.Confirmed => "已确认",
        IncidentState.FalseAlarm => "误报",
        IncidentState.Transferred => "非安全事件已移交",
        IncidentState.Responding => "响应中",
        IncidentState.Controlled => "已控制",
        IncidentState.ResponseEnded => "响应结束",
        IncidentState.Reviewed => "已总结",
        IncidentState.Closed => "已关闭",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}
