using Fenghuo.Contracts.Plans;

namespace Fenghuo.BuildingBlocks.Plans;

/// <summary>
/// The questions other services ask of a plan version, answered from its rules alone (no I/O),
/// so an incident keeps the answers of the version it was reported under.
/// </summary>
public static class PlanRuleBook
{
    /// <summary>
    /// The level the plan starts for a grade: the level whose grade trigger names it (an
    /// undetermined grade uses the "situation unclear" triggers, then the grade it is treated
    /// as). When the command declares its capacity exceeded, the level the plan reserves for
    /// that wins if it is higher. Null when the plan routes the grade to no level.
    /// </summary>
    public static ResponseLevel? RecommendedResponseLevel(this PlanRules rules, Grade grade, bool capacityExceeded)
    {
        var byGrade = LevelForGrade(rules, grade);
        if (!capacityExceeded)
        {
            return byGrade;
        }
        var byCapacity = rules.ResponseLevels.FirstOrDefault(l => l.Triggers.Any(t => t.Kind == TriggerKind.CommandCapacityExceeded));
        if (byGrade is null || byCapacity is null)
        {
            return byGrade ?? byCapacity;
        }
        return Position(rules, byCapacity) < Position(rules, byGrade) ? byCapacity : byGrade;
    }

    /// <summary>Minutes within which an event of this grade must be reported upward; null where the plan sets no clock for it.</summary>
    public static int? ReportUpwardDeadline(this PlanRules rules, Grade grade) => rules.ReportDeadlineFor(grade)?.Minutes;

    /// <summary>
    /// The plan's upward-report clock for this grade as the plan applies it (<see cref="GradeSeverity.Effective"/>);
    /// an undetermined grade keeps a clock of its own where the plan sets one. Null where there is none.
    /// </summary>
    public static ReportDeadline? ReportDeadlineFor(this PlanRules rules, Grade grade) =>
        rules.Reporting.Deadlines.FirstOrDefault(d => grade == Grade.Undetermined && d.Grade == Grade.Undetermined)
        ?? rules.Reporting.Deadlines.FirstOrDefault(d => d.Grade == rules.Grades.Effective(grade));

    /// <summary>Whether someone holding these realm roles may start the level (approvers are listed per level).</summary>
    public static bool MayStart(this PlanRules rules, string levelCode, IEnumerable<string> roles)
    {
        var level = rules.ResponseLevels.FirstOrDefault(l => l.Code == levelCode);
        return level is not null && roles.Any(role => level.ApproverRoles.Contains(role, StringComparer.Ordinal));
    }

    /// <summary>Whether starting the level for an event of this grade sends the incident to the parent command.</summary>
    public static bool EscalatesToParent(this PlanRules rules, string levelCode, Grade grade)
    {
        var level = rules.ResponseLevels.FirstOrDefault(l => l.Code == levelCode);
        if (level is null || !level.EscalatesToParent)
        {
            return false;
        }
        return level.Escalation?.FromGrade is not { } threshold || rules.Grades.IsAtLeast(grade, threshold);
    }

    /// <summary>When the after-action review is due, where the plan sets a deadline.</summary>
    public static DateTimeOffset? ReviewDue(this PlanRules rules, DateTimeOffset responseEndedAt) =>
        rules.Aftermath.ReviewDueDays is { } days ? responseEndedAt.AddDays(days) : null;

    private static ResponseLevel? LevelForGrade(PlanRules rules, Grade grade)
    {
        var effective = rules.Grades.Effective(grade);
        if (grade == Grade.Undetermined && FirstNaming(rules, TriggerKind.GradeUndetermined, effective) is { } unclear)
        {
            return unclear;
        }
        return FirstNaming(rules, TriggerKind.Grade, effective);
    }

    private static ResponseLevel? FirstNaming(PlanRules rules, TriggerKind kind, Grade grade) =>
        rules.ResponseLevels.FirstOrDefault(l => l.Triggers.Any(t => t.Kind == kind && t.Grades.Contains(grade)));

    private static int Position(PlanRules rules, ResponseLevel level) =>
        rules.ResponseLevels.ToList().FindIndex(l => ReferenceEquals(l, level));
}
