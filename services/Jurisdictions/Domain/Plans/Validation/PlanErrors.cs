using System.Diagnostics.CodeAnalysis;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Jurisdictions.Domain.Plans.Validation;

/// <summary>
/// Collects bilingual field errors. A plan arrives as JSON, where any "required" member may
/// still be null, so every helper tolerates nulls and says which field is missing.
/// </summary>
internal sealed class PlanErrors
{
    private const int MaxText = 4000;
    private readonly List<FieldError> errors = [];

    public IReadOnlyList<FieldError> All => errors;

    public void Add(string field, string code, string zh, string en) => errors.Add(new FieldError(field, code, zh, en));

    public bool Present(string field, [NotNullWhen(true)] object? value)
    {
        if (value is null)
        {
            Add(field, "required", "必填", "Required");
        }
        return value is not null;
    }

    public void Text(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "required", "必填，不能为空", "Required and must not be blank");
        }
        else if (value.Length > MaxText)
        {
            Add(field, "too_long", $"最多 {MaxText} 字", $"At most {MaxText} characters");
        }
    }

    public void OptionalText(string field, string? value)
    {
        if (value is not null)
        {
            Text(field, value);
        }
    }

    public void Positive(string field, int? value)
    {
        if (value is <= 0)
        {
            Add(field, "not_positive", "须为正整数", "Must be a positive whole number");
        }
    }

    public IReadOnlyList<T> List<T>(string field, IReadOnlyList<T>? list, bool nonEmpty)
    {
        if (list is null)
        {
            Add(field, "required", "必填", "Required");
            return [];
        }
        if (nonEmpty && list.Count == 0)
        {
            Add(field, "empty", "至少需要一项", "At least one entry is required");
        }
        return list;
    }

    public void Texts(string field, IReadOnlyList<string>? values, bool nonEmpty)
    {
        var list = List(field, values, nonEmpty);
        for (var i = 0; i < list.Count; i++)
        {
            Text($"{field}[{i}]", list[i]);
        }
    }

    public void RealmRoles(string field, IReadOnlyList<string>? roles, bool nonEmpty)
    {
        var list = List(field, roles, nonEmpty);
        for (var i = 0; i < list.Count; i++)
        {
            if (!Roles.All.Contains(list[i]))
            {
                Add($"{field}[{i}]", "unknown_role",
                    $"角色“{list[i]}”不存在，可用：{string.Join("、", Roles.All)}",
                    $"Role '{list[i]}' does not exist; known roles: {string.Join(", ", Roles.All)}");
            }
        }
        Unique(field, list, r => r);
    }

    public void Grades(string field, IReadOnlyList<Grade>? grades, IReadOnlySet<Grade> allowed, bool nonEmpty)
    {
        var list = List(field, grades, nonEmpty);
        for (var i = 0; i < list.Count; i++)
        {
            if (!allowed.Contains(list[i]))
            {
                var label = EnumLabel.Of(list[i]);
                Add($"{field}[{i}]", "unknown_grade",
                    $"等级“{label}”未在本预案的分级中定义", $"Grade '{label}' is not defined by this plan's grades");
            }
        }
        Unique(field, list, g => EnumLabel.Of(g));
    }

    /// <summary>Reports the second and later uses of a key, at the entry that repeats it.</summary>
    public void Unique<T>(string field, IReadOnlyList<T> items, Func<T, string?> key, string? member = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not null && key(items[i]) is { } k && !seen.Add(k))
            {
                Add(member is null ? $"{field}[{i}]" : $"{field}[{i}].{member}", "duplicate",
                    $"“{k}”重复", $"'{k}' appears more than once");
            }
        }
    }
}
