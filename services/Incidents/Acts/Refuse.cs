using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Incidents.Domain;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Incidents.Acts;

/// <summary>Shorthands for an act's refusals.</summary>
internal static class Refuse
{
    public static Task<ActOutcome?> With(Refusal refusal) => Task.FromResult<ActOutcome?>(ActOutcome.Refused(refusal));

    public static Task<ActOutcome?> Field(string field, string code, string messageZh, string messageEn) =>
        Task.FromResult<ActOutcome?>(ActOutcome.Invalid([new FieldError(field, code, messageZh, messageEn)]));

    public static Task<ActOutcome?> Required(string field, string nameZh, string nameEn, string? value, int maxLength = ReportFormRules.TextLength) =>
        string.IsNullOrWhiteSpace(value)
            ? Field(field, "required", $"请填写{nameZh}", $"The {nameEn} is required")
            : value.Length > maxLength
                ? Field(field, "too_long", $"不能超过 {maxLength} 个字", $"At most {maxLength} characters")
                : Task.FromResult<ActOutcome?>(null);
}
