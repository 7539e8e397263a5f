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

    /// <summary>
    /// Whether the jurisdiction counts in "达标 m / n": only a plan with a yearly minimum can be met or
    /// missed; without a plan in force, or with a plan that sets no minimum, it is 不适用, shown apart.
    /// </summary>
    public static bool Measured(this DrillCompliance compliance) =>
        compliance is DrillCompliance.Compliant or DrillCompliance.Behind;
}
