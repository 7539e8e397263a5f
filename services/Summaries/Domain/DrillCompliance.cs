using Fenghuo.Contracts;

namespace Fenghuo.Summaries.Domain;

/// <summary>A jurisdiction's drills against its plan's yearly minimum (应急演练 每年至少 N 次).</summary>
public enum DrillCompliance
{
    [Chinese("已达标")]
    Compliant,
    [Chinese("未达标")]
    Behind,
    [Chinese("预案未规定次数")]
    NotRequired,
    [Chinese("无预案")]
    NoPlan,
}

public static class DrillRule
{
    public static DrillCompliance Of(bool hasPlan, int? minimumPerYear, long completed) =>
        !hasPlan ? DrillCompliance.NoPlan
        : minimumPerYear is not { } minimum ? DrillCompliance.NotRequired
        : completed >= minimum ? DrillCompliance.Compliant
        : DrillCompliance.Behind;
}
