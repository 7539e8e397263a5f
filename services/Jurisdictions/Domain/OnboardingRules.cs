using System.Text.RegularExpressions;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Jurisdictions.Domain;

/// <summary>The checks that protect the chain of command before a jurisdiction is added.</summary>
public static partial class OnboardingRules
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
        errors.AddRange(CheckPlan(request.Plan));
        errors.AddRange(CheckUsers(request.Users ?? []));
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

    private static IEnumerable<FieldError> CheckPlan(OnboardingPlan? plan)
    {
        var sources = plan is null ? 0 : new[] { plan.Template, plan.CopyFrom }.Count(s => !string.IsNullOrWhiteSpace(s));
        if (sources != 1)
        {
            yield return new FieldError("plan", "one_plan_source",
                "须为新辖区指定预案来源：模板（template）或复制某辖区现行预案（copyFrom），二选一",
                "Give the new jurisdiction's plan one source: a template or copyFrom another jurisdiction");
        }
        else if (plan!.Template is { } template && PlanTemplates.For(template) is null)
        {
            yield return new FieldError("plan.template", "unknown_template", "没有这个模板", "No such template");
        }
    }

    private static IEnumerable<FieldError> CheckUsers(IReadOnlyList<OnboardingUser> users)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            var at = $"users[{i}]";
            if (user.Username is null || !Username().IsMatch(user.Username))
            {
                yield return new FieldError($"{at}.username", "invalid_username",
                    "用户名为 3–64 位小写字母、数字、点、下划线或连字符", "Username is 3–64 lower-case letters, digits, dots, underscores or hyphens");
            }
            else if (!seen.Add(user.Username))
            {
                yield return new FieldError($"{at}.username", "duplicate_username", "同一请求中用户名重复", "The username appears twice in the request");
            }
            if (user.Email is not null && !Email().IsMatch(user.Email))
            {
                yield return new FieldError($"{at}.email", "invalid_email", "电子邮箱格式不正确", "The e-mail address is not valid");
            }
            var roles = user.Roles ?? [];
            if (roles.Count == 0)
            {
                yield return new FieldError($"{at}.roles", "roles_required", "至少指定一个角色", "Give at least one role");
            }
            for (var r = 0; r < roles.Count; r++)
            {
                if (roles[r] == Roles.PlatformAdmin || !Roles.All.Contains(roles[r]))
                {
                    yield return new FieldError($"{at}.roles[{r}]", "invalid_role",
                        "角色不存在或不能授予辖区用户", "No such role, or not one a jurisdiction's user may hold");
                }
            }
            if (user.Credentials is { } credentials && string.IsNullOrEmpty(credentials.Password))
            {
                yield return new FieldError($"{at}.credentials.password", "password_required",
                    "提供了凭据就须给出密码；不提供凭据则自动生成一次性密码", "Credentials need a password; leave them out to get a one-time password");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex Username();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
