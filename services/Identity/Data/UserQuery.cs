namespace Fenghuo.Identity.Data;

/// <summary>
/// Keycloak's user search: username and email match as substrings unless <see cref="Exact"/>;
/// <see cref="Search"/> looks in username, email and names; <see cref="Attributes"/> (from
/// q=tenant:yangcheng) must all match exactly. Service-account users are never listed.
/// </summary>
public sealed record UserQuery(
    string? Username,
    string? Email,
    string? Search,
    bool Exact,
    IReadOnlyDictionary<string, string> Attributes,
    bool? Enabled,
    int First,
    int Max);
