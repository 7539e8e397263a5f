namespace Fenghuo.Contracts.Incidents;

public enum AssessmentOutcome
{
    /// <summary>确认为网络安全事件.</summary>
    Confirmed,

    /// <summary>误报.</summary>
    FalseAlarm,

    /// <summary>非网络安全事件，移交相关部门.</summary>
    NotSecurity,
}
