using System.Text.RegularExpressions;
using Fenghuo.Identity.Realm;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Identity.Domain;

/// <summary>What the admin API accepts in a UserRepresentation (the password's own rules are the realm's policy).</summary>
public static partial class UserRules
{
    private const int MaxLength = 255;

    public static IReadOnlyList<FieldError> CheckNew(UserRepresentation user)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(user.Username))
        {
            errors.Add(new("username", "required", "请填写用户名", "Username is required."));
        }
        else if (!Username().IsMatch(user.Username.Trim().ToLowerInvariant()))
        {
            errors.Add(new("username", "invalid_format", "用户名须为 3–255 个字母、数字或 . _ - @", "Username must be 3–255 letters, digits or . _ - @."));
        }
        if (user.ServiceAccountClientId is not null)
        {
            errors.Add(new("serviceAccountClientId", "read_only", "服务账户只能由客户端配置产生", "Service-account users come from client configuration only."));
        }
        if (user.Credentials is { Count: > 1 } || user.Credentials?.Any(c => c.Type is not (null or CredentialRepresentation.PasswordType)) == true)
        {
            errors.Add(new("credentials", "unsupported", "只支持一个密码凭据", "Only one credential, of type password, is supported."));
        }
        CheckProfile(user, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> CheckChanges(UserRepresentation changes, RealmUser current)
    {
        var errors = new List<FieldError>();
        if (changes.Username is not null && !string.Equals(changes.Username.Trim(), current.Username, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new("username", "read_only", "用户名不可修改", "The username cannot be changed."));
        }
        if (changes.Credentials is not null)
        {
            errors.Add(new("credentials", "unsupported", "请通过重置密码接口修改密码", "Set passwords through reset-password."));
        }
        CheckProfile(changes, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> CheckCredential(CredentialRepresentation credential) =>
        credential.Type is null or CredentialRepresentation.PasswordType
            ? []
            : [new("type", "unsupported", "只支持密码凭据", "Only credentials of type password are supported.")];

    private static void CheckProfile(UserRepresentation user, List<FieldError> errors)
    {
        // The length is checked first, so the pattern only ever sees short input (and has a timeout besides).
        if (!string.IsNullOrWhiteSpace(user.Email) && user.Email.Length <= MaxLength && !IsEmail(user.Email.Trim()))
        {
            errors.Add(new("email", "invalid_format", "电子邮箱格式不正确", "Invalid email address."));
        }
        foreach (var (field, value) in new[] { ("firstName", user.FirstName), ("lastName", user.LastName), ("email", user.Email) })
        {
            if (value is { Length: > MaxLength })
            {
                errors.Add(new(field, "too_long", "内容过长（最多 255 个字符）", "Too long (at most 255 characters)."));
            }
        }
        foreach (var (name, values) in user.Attributes ?? [])
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > MaxLength || values.Any(v => v is null || v.Length > MaxLength))
            {
                errors.Add(new($"attributes.{name}", "invalid_format", "属性名或属性值无效", "Invalid attribute name or value."));
            }
        }
        if (user.Attributes?.GetValueOrDefault(RealmUser.TenantAttribute) is { } tenants && (tenants.Count != 1 || !TenantCode.IsValid(tenants[0])))
        {
            errors.Add(new("attributes.tenant", "invalid_format", "辖区须为一个辖区代码（小写字母、数字、下划线）",
                "tenant must be one jurisdiction code (lower-case letters, digits, underscores)."));
        }
        foreach (var action in (user.RequiredActions ?? []).Where(a => !RequiredActions.Supported.Contains(a)))
        {
            errors.Add(new("requiredActions", "unsupported", $"不支持的必需操作 {action}", $"Required action {action} is not supported; use UPDATE_PASSWORD."));
        }
    }

    [GeneratedRegex("^[a-z0-9._@-]{3,255}$")]
    private static partial Regex Username();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex Email();

    private static bool IsEmail(string value)
    {
        try
        {
            return Email().IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
