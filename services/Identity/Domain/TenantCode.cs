using System.Text.RegularExpressions;

namespace Fenghuo.Identity.Domain;

/// <summary>
/// The shape of a user's "tenant" attribute: a jurisdiction code, which is also an ltree label,
/// so lower-case letters, digits and underscores, starting with a letter (as Jurisdictions checks it).
/// </summary>
public static partial class TenantCode
{
    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    [GeneratedRegex("^[a-z][a-z0-9_]{1,62}$")]
    private static partial Regex Pattern();
}
