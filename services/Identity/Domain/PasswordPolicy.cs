using System.Globalization;
using System.Text.RegularExpressions;

namespace Fenghuo.Identity.Domain;

/// <summary>
/// Keycloak's password policy string ("length(8) and digits(1) and notUsername"), for the
/// policies this service enforces. An unknown policy fails at start-up rather than go unenforced.
/// </summary>
public sealed partial class PasswordPolicy
{
    private readonly List<(string Name, int Value)> rules;

    private PasswordPolicy(List<(string Name, int Value)> rules) => this.rules = rules;

    public static PasswordPolicy Parse(string? policy)
    {
        var rules = new List<(string, int)>();
        if (string.IsNullOrWhiteSpace(policy))
        {
            return new PasswordPolicy(rules);
        }
        foreach (var term in policy.Split(" and ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Term().Match(term);
            if (!match.Success)
            {
                throw new FormatException($"Password policy term '{term}' is not name or name(argument).");
            }
            var name = match.Groups["name"].Value;
            var argument = match.Groups["arg"].Value;
            rules.Add(name switch
            {
                "length" or "maxLength" or "digits" or "lowerCase" or "upperCase" or "specialChars" =>
                    (name, int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : DefaultFor(name)),
                "notUsername" or "notEmail" => (name, 0),
                _ => throw new FormatException($"Password policy '{name}' is not supported by this service."),
            });
        }
        return new PasswordPolicy(rules);
    }

    public IReadOnlyList<PasswordPolicyViolation> Check(string password, string username, string? email)
    {
        var violations = new List<PasswordPolicyViolation>();
        foreach (var (name, value) in rules)
        {
            var broken = name switch
            {
                "length" => password.Length < value,
                "maxLength" => password.Length > value,
                "digits" => password.Count(char.IsDigit) < value,
                "lowerCase" => password.Count(char.IsLower) < value,
                "upperCase" => password.Count(char.IsUpper) < value,
                "specialChars" => password.Count(c => !char.IsLetterOrDigit(c)) < value,
                "notUsername" => string.Equals(password, username, StringComparison.OrdinalIgnoreCase),
                "notEmail" => email is not null && string.Equals(password, email, StringComparison.OrdinalIgnoreCase),
                _ => false,
            };
            if (broken)
            {
                violations.Add(Describe(name, value));
            }
        }
        return violations;
    }

    private static int DefaultFor(string name) => name switch
    {
        "length" => 8,
        "maxLength" => 64,
        _ => 1,
    };

    private static PasswordPolicyViolation Describe(string name, int value) => name switch
    {
        "length" => new("invalidPasswordMinLengthMessage", $"密码至少需要 {value} 个字符", $"Invalid password: minimum length {value}."),
        "maxLength" => new("invalidPasswordMaxLengthMessage", $"密码最多 {value} 个字符", $"Invalid password: maximum length {value}."),
        "digits" => new("invalidPasswordMinDigitsMessage", $"密码至少需要 {value} 个数字", $"Invalid password: must contain at least {value} numerical digits."),
        "lowerCase" => new("invalidPasswordMinLowerCaseCharsMessage", $"密码至少需要 {value} 个小写字母", $"Invalid password: must contain at least {value} lower case characters."),
        "upperCase" => new("invalidPasswordMinUpperCaseCharsMessage", $"密码至少需要 {value} 个大写字母", $"Invalid password: must contain at least {value} upper case characters."),
        "specialChars" => new("invalidPasswordMinSpecialCharsMessage", $"密码至少需要 {value} 个特殊字符", $"Invalid password: must contain at least {value} special characters."),
        "notUsername" => new("invalidPasswordNotUsernameMessage", "密码不能与用户名相同", "Invalid password: must not be equal to the username."),
        _ => new("invalidPasswordNotEmailMessage", "密码不能与电子邮箱相同", "Invalid password: must not be equal to the email."),
    };

    [GeneratedRegex(@"^(?<name>[A-Za-z]+)(\((?<arg>[^)]*)\))?$")]
    private static partial Regex Term();
}
