using Fenghuo.Identity.Realm;

namespace Fenghuo.Identity.Domain;

/// <summary>A client of the realm, with Keycloak's per-client switches for each grant.</summary>
public sealed record RealmClient(
    string ClientId,
    string Name,
    bool Enabled,
    bool BearerOnly,
    bool PublicClient,
    string? SecretSha256,
    bool StandardFlowEnabled,
    bool DirectAccessGrantsEnabled,
    bool ServiceAccountsEnabled,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<ProtocolMapperRepresentation> ProtocolMappers)
{
    public const string PkceMethodAttribute = "pkce.code.challenge.method";
    public const string PostLogoutRedirectUrisAttribute = "post.logout.redirect.uris";

    public bool IsConfidential => !PublicClient && !BearerOnly;

    /// <summary>"S256" when the client must use PKCE with that method; null when PKCE is optional.</summary>
    public string? RequiredPkceMethod =>
        Attributes.TryGetValue(PkceMethodAttribute, out var method) && !string.IsNullOrWhiteSpace(method) ? method : null;

    public bool AllowsRedirect(string? uri) => RedirectUriPattern.Matches(RedirectUris, uri);

    /// <summary>Keycloak's attribute: "+" means the redirect URIs, otherwise URIs separated by "##".</summary>
    public bool AllowsPostLogoutRedirect(string? uri)
    {
        var setting = Attributes.GetValueOrDefault(PostLogoutRedirectUrisAttribute);
        var patterns = setting == "+" ? RedirectUris : (setting ?? string.Empty).Split("##", StringSplitOptions.RemoveEmptyEntries);
        return RedirectUriPattern.Matches(patterns, uri);
    }

    public bool SecretMatches(string? presented) => ClientSecret.Matches(SecretSha256, presented);
}
