using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Incidents.Domain;

/// <summary>What the plan in force accepts on the report form.</summary>
public static class ReportFormRules
{
    public const int NameLength = 200;
    public const int TextLength = 8000;

    // Clocks of phones and servers drift; a start a minute ahead is a typo no one meant.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public static IReadOnlyList<FieldError> Check(ReportForm form, PlanRules plan, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        Required(errors, "reportingUnit", "报告单位", "reporting unit", form.ReportingUnit, NameLength);
        Required(errors, "occurringUnit", "发生单位", "unit where it happened", form.OccurringUnit, NameLength);
        Required(errors, "reporter", "报告人", "reporter", form.Reporter, NameLength);
        Required(errors, "description", "事件描述", "description", form.Description, TextLength);
        Optional(errors, "reviewer", form.Reviewer, NameLength);
        foreach (var (field, value) in new[]
        {
            ("measuresTaken", form.MeasuresTaken), ("consequenceEstimate", form.ConsequenceEstimate),
            ("suggestions", form.Suggestions), ("location", form.Location), ("source", form.Source),
            ("affectedScope", form.AffectedScope), ("estimatedLoss", form.EstimatedLoss), ("trend", form.Trend),
        })
        {
            Optional(errors, field, value, TextLength);
        }
        if (form.Harms is { } harms && harms.Any(h => string.IsNullOrWhiteSpace(h) || h.Length > NameLength))
        {
            errors.Add(new FieldError("harms", "invalid", $"危害表现每项须为 1–{NameLength} 个字", $"Each harm must be 1–{NameLength} characters"));
        }

        if (form.OccurredAt is not { } occurredAt)
        {
            errors.Add(new FieldError("occurredAt", "required", "请填写事件发生时间", "The start time is required"));
        }
        else if (occurredAt > now + ClockSkew)
        {
            errors.Add(new FieldError("occurredAt", "in_future", "事件发生时间不能晚于当前时间", "The start time cannot be in the future"));
        }

        CheckCategory(errors, form, plan.Taxonomy);
        CheckGrade(errors, form.Grade, plan.Grades);
        return errors;
    }

    public static Grade? GradeOf(string? label) => EnumLabel.TryParse<Grade>(label, out var grade) ? grade : null;

    /// <summary>Checks an assessment's grade the same way as the form's.</summary>
    public static FieldError? CheckGrade(string? label, GradeScheme grades)
    {
        var errors = new List<FieldError>();
        CheckGrade(errors, label, grades);
        return errors.FirstOrDefault();
    }

    private static void CheckGrade(List<FieldError> errors, string? label, GradeScheme grades)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            errors.Add(new FieldError("grade", "required", "请选择事件级别", "The grade is required"));
        }
        else if (GradeOf(label) is not { } grade)
        {
            errors.Add(new FieldError("grade", "unknown",
                $"未知的事件级别「{label}」，可选：especially_major、major、large、general、minor、undetermined",
                $"Unknown grade '{label}'; use especially_major, major, large, general, minor or undetermined"));
        }
        else if (grade == Grade.Minor && !grades.UsesMinor)
        {
            errors.Add(new FieldError("grade", "not_in_plan", "本预案不设“一般以下”级别，请选择“一般”", "This plan has no below-general grade; use general"));
        }
    }

    private static void CheckCategory(List<FieldError> errors, ReportForm form, PlanTaxonomy taxonomy)
    {
        if (string.IsNullOrWhiteSpace(form.Category))
        {
            errors.Add(new FieldError("category", "required", "请选择事件类别", "The category is required"));
            return;
        }
        var category = taxonomy.Categories.FirstOrDefault(c => c.Code == form.Category);
        if (category is null)
        {
            errors.Add(new FieldError("category", "not_in_taxonomy",
                $"类别「{form.Category}」不在本预案的分类中，可选：{string.Join("、", taxonomy.Categories.Select(c => $"{c.Code}（{c.Name}）"))}",
                $"Category '{form.Category}' is not in this plan's taxonomy; use one of {string.Join(", ", taxonomy.Categories.Select(c => c.Code))}"));
            return;
        }
        if (form.Subcategory is null)
        {
            return;
        }
        if (!category.Subcategories.Any(s => s.Code == form.Subcategory))
        {
            errors.Add(category.Subcategories.Count == 0
                ? new FieldError("subcategory", "not_in_taxonomy", $"本预案未细分「{category.Name}」，请不填子类", $"This plan does not subdivide '{category.Code}'; leave the subcategory empty")
                : new FieldError("subcategory", "not_in_taxonomy",
                    $"子类「{form.Subcategory}」不属于「{category.Name}」，可选：{string.Join("、", category.Subcategories.Select(s => s.Code))}",
                    $"Subcategory '{form.Subcategory}' is not in '{category.Code}'; use one of {string.Join(", ", category.Subcategories.Select(s => s.Code))}"));
        }
    }

    private static void Required(List<FieldError> errors, string field, string nameZh, string nameEn, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, "required", $"请填写{nameZh}", $"The {nameEn} is required"));
        }
        else
        {
            Optional(errors, field, value, maxLength);
        }
    }

    private static void Optional(List<FieldError> errors, string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            errors.Add(new FieldError(field, "too_long", $"不能超过 {maxLength} 个字", $"At most {maxLength} characters"));
        }
    }
}
