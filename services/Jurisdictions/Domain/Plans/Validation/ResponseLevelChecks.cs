using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;

namespace Fenghuo.Jurisdictions.Domain.Plans.Validation;

/// <summary>
/// Response levels: at least one, unique codes, triggers on grades the plan defines, approvers
/// that are realm roles, and no grade routed to two levels (the recommendation must be unambiguous).
/// </summary>
internal static class ResponseLevelChecks
{
    private static readonly TriggerKind[] GradeKinds = [TriggerKind.Grade, TriggerKind.GradeUndetermined];

    public static IReadOnlySet<string> Check(IReadOnlyList<ResponseLevel>? levels, IReadOnlySet<Grade> inUse, PlanErrors errors)
    {
        var list = errors.List("responseLevels", levels, nonEmpty: true);
        errors.Unique("responseLevels", list, l => l.Code, "code");
        for (var i = 0; i < list.Count; i++)
        {
            CheckLevel($"responseLevels[{i}]", list[i], inUse, errors);
        }
        foreach (var kind in GradeKinds)
        {
            CheckSingleRoute(list, kind, errors);
        }
        return list.Where(l => l is not null && l.Code is not null).Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
    }

    private static void CheckLevel(string field, ResponseLevel? level, IReadOnlySet<Grade> inUse, PlanErrors errors)
    {
        if (!errors.Present(field, level))
        {
            return;
        }
        errors.Text($"{field}.code", level.Code);
        errors.Text($"{field}.name", level.Name);
        errors.Text($"{field}.summary", level.Summary);
        errors.Text($"{field}.startProcedure", level.StartProcedure);
        errors.Text($"{field}.source", level.Source);
        errors.RealmRoles($"{field}.approverRoles", level.ApproverRoles, nonEmpty: true);
        errors.Texts($"{field}.measures", level.Measures, nonEmpty: true);
        var triggers = errors.List($"{field}.triggers", level.Triggers, nonEmpty: true);
        for (var j = 0; j < triggers.Count; j++)
        {
            CheckTrigger($"{field}.triggers[{j}]", triggers[j], inUse, errors);
        }
        if (level.EscalatesToParent && level.Escalation is null)
        {
            errors.Add($"{field}.escalation", "required", "升级上报的响应须写明上报对象", "An escalating level must say whom it escalates to");
        }
        if (level.Escalation is { } escalation)
        {
            errors.Text($"{field}.escalation.name", escalation.Name);
            errors.Text($"{field}.escalation.source", escalation.Source);
            if (escalation.FromGrade is { } from && !inUse.Contains(from))
            {
                errors.Add($"{field}.escalation.fromGrade", "unknown_grade",
                    "起始等级未在本预案的分级中定义", "The threshold grade is not defined by this plan's grades");
            }
        }
    }

    private static void CheckTrigger(string field, ResponseTrigger? trigger, IReadOnlySet<Grade> inUse, PlanErrors errors)
    {
        if (!errors.Present(field, trigger))
        {
            return;
        }
        errors.Text($"{field}.description", trigger.Description);
        errors.Text($"{field}.source", trigger.Source);
        if (GradeKinds.Contains(trigger.Kind))
        {
            errors.Grades($"{field}.grades", trigger.Grades, inUse, nonEmpty: true);
        }
        else if (trigger.Grades is { Count: > 0 })
        {
            errors.Add($"{field}.grades", "grades_not_expected",
                "该类启动条件不涉及等级，等级列表应为空", "This kind of trigger is not about grades; leave its grades empty");
        }
    }

    private static void CheckSingleRoute(IReadOnlyList<ResponseLevel> levels, TriggerKind kind, PlanErrors errors)
    {
        var routed = new Dictionary<Grade, string>();
        for (var i = 0; i < levels.Count; i++)
        {
            var triggers = levels[i]?.Triggers ?? [];
            for (var j = 0; j < triggers.Count; j++)
            {
                if (triggers[j] is not { } trigger || trigger.Kind != kind)
                {
                    continue;
                }
                foreach (var grade in trigger.Grades ?? [])
                {
                    if (routed.TryGetValue(grade, out var other) && other != levels[i].Code)
                    {
                        errors.Add($"responseLevels[{i}].triggers[{j}].grades", "grade_routed_twice",
                            $"等级“{EnumLabel.Of(grade)}”已由 {other} 级响应承接", $"Grade '{EnumLabel.Of(grade)}' already starts level {other}");
                    }
                    routed.TryAdd(grade, levels[i].Code);
                }
            }
        }
    }
}
