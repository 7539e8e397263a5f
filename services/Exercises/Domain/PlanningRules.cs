using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Plans;
using Fenghuo.Exercises.Acts;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Exercises.Domain;

/// <summary>What a planned exercise must be: a window, participants of the organiser's subtree, injects inside the window addressed to them.</summary>
public static class PlanningRules
{
    public const int TitleLength = 200;
    public const int TextLength = 8000;
    public const int MaxInjects = 100;

    /// <param name="tenants">The tree as this service knows it.</param>
    /// <param name="planOf">The plan in force of a participant, for drill incident categories and grades.</param>
    public static IReadOnlyList<FieldError> Check(PlanRequest request, TenantEntry organiser, IReadOnlyList<TenantEntry> tenants, Func<string, PlanRules?> planOf)
    {
        var errors = new List<FieldError>();
        Text(errors, "title", "演练名称", "title", request.Title, TitleLength);
        Text(errors, "scenario", "演练情景", "scenario", request.Scenario, TextLength);
        if (request.Objectives is { } objectives && objectives.Any(o => string.IsNullOrWhiteSpace(o) || o.Length > TitleLength))
        {
            errors.Add(new FieldError("objectives", "invalid", $"演练目标每项须为 1–{TitleLength} 个字", $"Each objective must be 1–{TitleLength} characters"));
        }
        if (string.IsNullOrWhiteSpace(request.Kind))
        {
            errors.Add(new FieldError("kind", "required", "请选择演练形式", "The kind is required"));
        }
        else if (!EnumLabel.TryParse<ExerciseKind>(request.Kind, out _))
        {
            errors.Add(new FieldError("kind", "unknown", "演练形式须为 tabletop（桌面推演）、functional（功能演练）或 full_scale（实战演练）",
                "The kind must be tabletop, functional or full_scale"));
        }
        var window = Window(errors, request);
        var participants = Participants(errors, request, organiser, tenants);
        Injects(errors, request, window, participants, planOf);
        return errors;
    }

    /// <summary>The participants the request names, with the organiser first; unknown or outside codes are left out (and reported).</summary>
    public static IReadOnlyList<TenantEntry> ParticipantsOf(PlanRequest request, TenantEntry organiser, IReadOnlyList<TenantEntry> tenants) =>
        new[] { organiser }
            .Concat((request.Participants ?? []).Select(code => tenants.FirstOrDefault(t => t.Code == code))
                .OfType<TenantEntry>().Where(t => t.IsActive && Subtree.Contains(organiser.Path, t.Path)))
            .DistinctBy(t => t.Code)
            .ToList();

    private static (DateTimeOffset Start, DateTimeOffset End)? Window(List<FieldError> errors, PlanRequest request)
    {
        if (request.ScheduledStart is null)
        {
            errors.Add(new FieldError("scheduledStart", "required", "请填写计划开始时间", "The scheduled start is required"));
        }
        if (request.ScheduledEnd is null)
        {
            errors.Add(new FieldError("scheduledEnd", "required", "请填写计划结束时间", "The scheduled end is required"));
        }
        if (request is { ScheduledStart: { } start, ScheduledEnd: { } end })
        {
            if (end <= start)
            {
                errors.Add(new FieldError("scheduledEnd", "before_start", "计划结束时间须晚于开始时间", "The scheduled end must be after the start"));
                return null;
            }
            return (start, end);
        }
        return null;
    }

    private static HashSet<string> Participants(List<FieldError> errors, PlanRequest request, TenantEntry organiser, IReadOnlyList<TenantEntry> tenants)
    {
        var named = request.Participants ?? [];
        for (var i = 0; i < named.Length; i++)
        {
            var tenant = tenants.FirstOrDefault(t => t.Code == named[i]);
            if (tenant is null || !tenant.IsActive || !Subtree.Contains(organiser.Path, tenant.Path))
            {
                errors.Add(new FieldError($"participants[{i}]", "outside_subtree",
                    $"参演单位「{named[i]}」不在{organiser.Name}及其下辖单位之中",
                    $"Participant '{named[i]}' is not {organiser.Code} or a jurisdiction below it"));
            }
        }
        return ParticipantsOf(request, organiser, tenants).Select(t => t.Code).ToHashSet();
    }

    private static void Injects(List<FieldError> errors, PlanRequest request, (DateTimeOffset Start, DateTimeOffset End)? window,
        HashSet<string> participants, Func<string, PlanRules?> planOf)
    {
        var injects = request.Injects ?? [];
        if (injects.Length > MaxInjects)
        {
            errors.Add(new FieldError("injects", "too_many", $"情景注入最多 {MaxInjects} 条", $"At most {MaxInjects} injects"));
            return;
        }
        for (var i = 0; i < injects.Length; i++)
        {
            var inject = injects[i];
            var at = $"injects[{i}]";
            if (inject is null)
            {
                errors.Add(new FieldError(at, "required", "情景注入不能为空", "An inject cannot be empty"));
                continue;
            }
            if (inject.OffsetMinutes is not { } offset)
            {
                errors.Add(new FieldError($"{at}.offsetMinutes", "required", "请填写注入时间（开始后第几分钟）", "The offset in minutes is required"));
            }
            else if (offset < 0 || (window is { } w && w.Start.AddMinutes(offset) > w.End))
            {
                errors.Add(new FieldError($"{at}.offsetMinutes", "outside_window",
                    window is { } shown
                        ? $"注入时间须在演练时段内（开始后 0–{(int)(shown.End - shown.Start).TotalMinutes} 分钟）"
                        : "注入时间须在演练时段内",
                    window is { } span
                        ? $"The inject must fall within the exercise window (0–{(int)(span.End - span.Start).TotalMinutes} minutes after the start)"
                        : "The inject must fall within the exercise window"));
            }
            if (string.IsNullOrWhiteSpace(inject.Target) || !participants.Contains(inject.Target))
            {
                errors.Add(new FieldError($"{at}.target", "not_participant", $"注入对象「{inject.Target}」须为参演单位之一",
                    $"The inject's target '{inject.Target}' must be one of the participants"));
            }
            Text(errors, $"{at}.title", "注入标题", "title", inject.Title, TitleLength);
            Text(errors, $"{at}.content", "注入内容", "content", inject.Content, TextLength);
            Text(errors, $"{at}.expectedAction", "预期处置", "expected action", inject.ExpectedAction, TextLength);
            if (inject.DrillIncident is { } drill && inject.Target is { } target && participants.Contains(target))
            {
                DrillIncident(errors, $"{at}.drillIncident", drill, planOf(target), target);
            }
        }
    }

    private static void DrillIncident(List<FieldError> errors, string at, DrillIncidentRequest drill, PlanRules? plan, string target)
    {
        if (plan is null)
        {
            errors.Add(new FieldError(at, "no_plan", $"「{target}」尚无生效的应急预案，不能开设演练事件",
                $"'{target}' has no plan in force, so no drill incident can be opened there"));
            return;
        }
        Text(errors, $"{at}.description", "事件描述", "description", drill.Description, TextLength);
        if (!EnumLabel.TryParse<Grade>(drill.Grade, out var grade) || (grade == Grade.Minor && !plan.Grades.UsesMinor))
        {
            errors.Add(new FieldError($"{at}.grade", "unknown", "演练事件级别须为目标单位预案中的级别：especially_major、major、large、general",
                "The drill incident's grade must be one of the target's plan: especially_major, major, large, general"));
        }
        var category = plan.Taxonomy.Categories.FirstOrDefault(c => c.Code == drill.Category);
        if (category is null)
        {
            errors.Add(new FieldError($"{at}.category", "not_in_taxonomy",
                $"类别「{drill.Category}」不在目标单位预案的分类中，可选：{string.Join("、", plan.Taxonomy.Categories.Select(c => c.Code))}",
                $"Category '{drill.Category}' is not in the target's plan; use one of {string.Join(", ", plan.Taxonomy.Categories.Select(c => c.Code))}"));
        }
        else if (drill.Subcategory is { } sub && !category.Subcategories.Any(s => s.Code == sub))
        {
            errors.Add(new FieldError($"{at}.subcategory", "not_in_taxonomy", $"子类「{sub}」不属于「{category.Name}」",
                $"Subcategory '{sub}' is not in '{category.Code}'"));
        }
    }

    private static void Text(List<FieldError> errors, string field, string zh, string en, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, "required", $"请填写{zh}", $"The {en} is required"));
        }
        else if (value.Length > max)
        {
            errors.Add(new FieldError(field, "too_long", $"{zh}不能超过 {max} 个字", $"The {en} must be at most {max} characters"));
        }
    }
}
