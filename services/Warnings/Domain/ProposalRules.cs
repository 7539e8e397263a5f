using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Contracts;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Warnings.Domain;

/// <summary>What makes a proposal acceptable under the issuing plan; every wrong field is named at once.</summary>
public static class ProposalRules
{
    public const int TitleLength = 200;
    public const int TextLength = 4000;
    public const int ScopeLength = 1000;
    public const int MaxMeasures = 50;
    public const int MeasureLength = 500;

    public static IReadOnlyList<FieldError> Check(WarningProposal proposal, PlanRules plan, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (CheckLevel("level", proposal.Level, plan.WarningScheme) is { } level)
        {
            errors.Add(level);
        }
        Text(errors, "title", "预警标题", "title", proposal.Title, TitleLength);
        Text(errors, "situation", "预警事由（可能发生的情况）", "situation", proposal.Situation, TextLength);
        Text(errors, "affectedScope", "影响范围", "affected scope", proposal.AffectedScope, ScopeLength);
        if (string.IsNullOrWhiteSpace(proposal.Category))
        {
            errors.Add(new FieldError("category", "required", "请填写事件类别", "The category is required"));
        }
        else if (plan.Taxonomy.Categories.All(c => c.Code != proposal.Category))
        {
            errors.Add(new FieldError("category", "not_in_taxonomy",
                $"本预案的事件分类中没有「{proposal.Category}」，可选：{string.Join("、", plan.Taxonomy.Categories.Select(c => $"{c.Code}（{c.Name}）"))}",
                $"The plan's taxonomy has no category '{proposal.Category}'; use one of {string.Join(", ", plan.Taxonomy.Categories.Select(c => c.Code))}"));
        }
        if (proposal.Measures is { } measures)
        {
            if (measures.Count > MaxMeasures)
            {
                errors.Add(new FieldError("measures", "too_many", $"本级措施最多 {MaxMeasures} 条", $"At most {MaxMeasures} measures"));
            }
            if (measures.Any(m => string.IsNullOrWhiteSpace(m) || m.Length > MeasureLength))
            {
                errors.Add(new FieldError("measures", "invalid", $"每条措施须填写且不超过 {MeasureLength} 个字", $"Each measure must be 1–{MeasureLength} characters"));
            }
        }
        if (!EnumLabel.TryParse<WarningPublicity>(proposal.Publicity, out _))
        {
            errors.Add(new FieldError("publicity", "unknown", "公开程度须为 public（公开）、internal（内部）或 confidential（涉密）",
                "The publicity must be public, internal or confidential"));
        }
        var starts = proposal.StartsAt ?? now;
        if (proposal.ExpiresAt is not { } expires)
        {
            errors.Add(new FieldError("expiresAt", "required", "请填写预警截止时间", "The expiry (expiresAt) is required"));
        }
        else if (expires <= now)
        {
            errors.Add(new FieldError("expiresAt", "in_the_past", "预警截止时间已过，须晚于当前时间", "The expiry must be in the future"));
        }
        else if (expires <= starts)
        {
            errors.Add(new FieldError("expiresAt", "before_start", "预警截止时间须晚于开始时间", "The expiry must be after the start"));
        }
        return errors;
    }

    /// <summary>A level code must be one of the issuing plan's; the error names them all.</summary>
    public static FieldError? CheckLevel(string field, string? code, WarningScheme scheme) =>
        scheme.Find(code) is not null
            ? null
            : new FieldError(field, "not_in_plan",
                $"本预案没有预警级别「{code}」，可选：{scheme.Listed()}",
                $"This plan has no warning level '{code}'; use one of {scheme.Codes()}");

    public static FieldError? CheckReason(string? reason, string nameZh) =>
        string.IsNullOrWhiteSpace(reason)
            ? new FieldError("reason", "required", $"请填写{nameZh}", "The reason is required")
            : reason.Length > TextLength
                ? new FieldError("reason", "too_long", $"不能超过 {TextLength} 个字", $"At most {TextLength} characters")
                : null;

    private static void Text(List<FieldError> errors, string field, string nameZh, string nameEn, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, "required", $"请填写{nameZh}", $"The {nameEn} is required"));
        }
        else if (value.Length > maxLength)
        {
            errors.Add(new FieldError(field, "too_long", $"{nameZh}不能超过 {maxLength} 个字", $"The {nameEn} has at most {maxLength} characters"));
        }
    }
}
