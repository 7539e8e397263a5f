using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Jurisdictions.Domain;

/// <summary>The checks that protect the chain of command before a jurisdiction is added.</summary>
public static class OnboardingRules
{
    public static List<FieldError> CheckShape(OnboardingRequest request)
    {
        var errors = new List<FieldError>();
        if (!JurisdictionCode.IsValid(request.Code))
        {
            errors.Add(new FieldError("code", "invalid_code",
                "辖区代码须以小写字母开头，仅含小写字母、数字和下划线，2–63 位",
                "Code must start with a lower-case letter and contain only lower-case letters, digits and underscores (2–63)"));
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors.Add(new FieldError("name", "invalid_name", "名称必填，最多 100 字", "Name is required, at most 100 characters"));
        }
        if (request.Kind is null)
        {
            errors.Add(new FieldError("kind", "invalid_kind",
                "类别必填：province、city、county、district、bureau、development_zone、township 或 street",
                "Kind is required: province, city, county, district, bureau, development_zone, township or street"));
        }
        if (string.IsNullOrWhiteSpace(request.ParentCode))
        {
            errors.Add(new FieldError("parentCode", "parent_required", "须指定上级指挥部所在辖区", "A parent jurisdiction is required"));
        }
        if (request.DivisionCode is not null && !(request.DivisionCode.Length == 6 && request.DivisionCode.All(char.IsAsciiDigit)))
        {
            errors.Add(new FieldError("divisionCode", "invalid_division_code",
                "行政区划代码应为 6 位数字（GB/T 2260）", "Division code must be six digits (GB/T 2260)"));
        }
        return errors;
    }

    public static List<FieldError> CheckPlacement(OnboardingRequest request, Jurisdiction? parent, bool codeTaken)
    {
        var errors = new List<FieldError>();
        if (codeTaken)
        {
            errors.Add(new FieldError("code", "code_taken", "该辖区代码已被使用", "This code is already in use"));
        }
        if (parent is null)
        {
            errors.Add(new FieldError("parentCode", "parent_not_found", "上级辖区不存在", "The parent jurisdiction does not exist"));
        }
        else if (parent.Status != Contracts.Tenancy.JurisdictionStatus.Active)
        {
            errors.Add(new FieldError("parentCode", "parent_suspended", "上级辖区已停用", "The parent jurisdiction is suspended"));
        }
        return errors;
    }
}
