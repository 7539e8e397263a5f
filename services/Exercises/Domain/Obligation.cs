using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;

namespace Fenghuo.Exercises.Domain;

/// <summary>What a tenant's plan asks of its drills in a year.</summary>
public enum Requirement
{
    /// <summary>至少每年 N 次: the plan names a yearly minimum.</summary>
    [Chinese("每年最少次数")]
    Minimum,

    /// <summary>定期: the plan asks for regular drills without a number.</summary>
    [Chinese("定期组织")]
    Regular,

    /// <summary>No plan in force, so nothing is asked yet.</summary>
    [Chinese("无生效预案")]
    NoPlan,
}

public enum ObligationStatus
{
    [Chinese("已完成")]
    Met,
    [Chinese("待完成")]
    Due,
    [Chinese("已逾期")]
    Overdue,
}

/// <summary>A tenant's yearly drill obligation: what is asked, what was done, where it stands.</summary>
public sealed record Obligation(Requirement Requirement, int? Required, int Completed, ObligationStatus Status)
{
    /// <summary>
    /// Met once the completed drills reach the minimum (one, for "regular"); overdue once the year
    /// (China time) is over without; due until then.
    /// </summary>
    public static Obligation Of(ExerciseRules? rules, bool hasPlan, int completed, int year, DateOnly today)
    {
        var requirement = !hasPlan ? Requirement.NoPlan : rules?.MinimumPerYear is null ? Requirement.Regular : Requirement.Minimum;
        var required = requirement == Requirement.Minimum ? rules!.MinimumPerYear : null;
        var status = completed >= (required ?? 1) ? ObligationStatus.Met
            : today > YearEnd(year) ? ObligationStatus.Overdue
            : ObligationStatus.Due;
        return new Obligation(requirement, required, completed, status);
    }

    public static DateOnly YearEnd(int year) => new(year, 12, 31);
}
