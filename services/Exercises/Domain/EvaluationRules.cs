using Fenghuo.Contracts;
using Fenghuo.Exercises.Acts;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Exercises.Domain;

/// <summary>What an evaluation must say: a summary, and findings each owned by a participant with a due date.</summary>
public static class EvaluationRules
{
    public const int TitleLength = 200;
    public const int TextLength = 8000;

    public static IReadOnlyList<FieldError> Check(EvaluationRequest request, IReadOnlyCollection<string> participants)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Summary) || request.Summary.Length > TextLength)
        {
            errors.Add(new FieldError("summary", "required", $"请填写评估结论（1–{TextLength} 个字）", $"The summary is required (1–{TextLength} characters)"));
        }
        var findings = request.Findings ?? [];
        for (var i = 0; i < findings.Length; i++)
        {
            var at = $"findings[{i}]";
            var finding = findings[i];
            if (finding is null)
            {
                errors.Add(new FieldError(at, "required", "问题不能为空", "A finding cannot be empty"));
                continue;
            }
            if (string.IsNullOrWhiteSpace(finding.Title) || finding.Title.Length > TitleLength)
            {
                errors.Add(new FieldError($"{at}.title", "required", $"请填写问题（1–{TitleLength} 个字）", $"The finding's title is required (1–{TitleLength} characters)"));
            }
            if (!EnumLabel.TryParse<FindingSeverity>(finding.Severity, out _))
            {
                errors.Add(new FieldError($"{at}.severity", "unknown", "严重程度须为 minor（一般）、moderate（较重）或 major（严重）",
                    "The severity must be minor, moderate or major"));
            }
            if (finding.Owner is null || !participants.Contains(finding.Owner))
            {
                errors.Add(new FieldError($"{at}.owner", "not_participant", $"整改责任单位「{finding.Owner}」须为参演单位之一",
                    $"The finding's owner '{finding.Owner}' must be one of the participants"));
            }
            if (finding.DueOn is null)
            {
                errors.Add(new FieldError($"{at}.dueOn", "required", "请填写整改期限", "The due date is required"));
            }
            if (finding.PlanSection is { Length: > TitleLength })
            {
                errors.Add(new FieldError($"{at}.planSection", "too_long", $"预案章节不能超过 {TitleLength} 个字", $"The plan section must be at most {TitleLength} characters"));
            }
        }
        return errors;
    }
}
