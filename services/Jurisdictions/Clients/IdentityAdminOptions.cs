namespace Fenghuo.Jurisdictions.Clients;

/// <summary>
/// How Jurisdictions reaches the realm's admin API (Keycloak's, or the identity service standing in for it):
/// <code>
/// "IdentityAdmin": {
///   "BaseAddress": "http://identity-api",   // a Keycloak server's URL in production
///   "Realm": "fenghuo",
///   "ClientId": "fenghuo-jurisdictions",    // a confidential client whose service account has platform-admin
///   "ClientSecret": "…"
/// }
/// </code>
/// </summary>
public sealed class IdentityAdminOptions
{
    public const string Section = "IdentityAdmin";

    public Uri BaseAddress { get; set; } = new("http://identity-api");

    public string Realm { get; set; } = "fenghuo";

    public string ClientId { get; set; } = "fenghuo-jurisdictions";

    public string ClientSecret { get; set; } = string.Empty;
}
