using System.Text.RegularExpressions;

namespace Fenghuo.Jurisdictions.Domain;

/// <summary>
/// A tenant code is also an ltree label, a username prefix and part of event routing, so it is
/// kept to lower-case letters, digits and underscores, starting with a letter.
/// </summary>
public static partial class JurisdictionCode
{
    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    [GeneratedRegex("^[a-z][a-z0-9_]{1,62}$")]
    private static partial Regex Pattern();
}
