namespace Fenghuo.Identity.Domain;

/// <summary>
/// Keycloak's default client scopes: "profile" and "email" are always granted, "openid" when asked
/// for (it brings an ID token). The token's scope claim lists what was granted.
/// </summary>
public static class TokenScopes
{
    public const string OpenId = "openid";
    public const string Profile = "profile";
    public const string Email = "email";

    public static IReadOnlyList<string> Supported { get; } = [OpenId, Profile, Email];

    public static IReadOnlyList<string> Grant(IEnumerable<string> requested)
    {
        var asked = requested.ToHashSet(StringComparer.Ordinal);
        return asked.Contains(OpenId) ? [OpenId, Profile, Email] : [Profile, Email];
    }
}
