namespace Fenghuo.Identity.Domain;

/// <summary>Keycloak's redirect URI rule: a registered URI matches exactly, or as a prefix when it ends in "*".</summary>
public static class RedirectUriPattern
{
    public static bool Matches(IEnumerable<string> patterns, string? candidate)
    {
        if (candidate is null || !Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Fragment.Length > 0)
        {
            return false;
        }
        return patterns.Any(pattern => pattern.EndsWith('*')
            ? candidate.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, candidate, StringComparison.Ordinal));
    }
}
