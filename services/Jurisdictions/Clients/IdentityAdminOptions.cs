using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Jurisdictions.Clients;

/// <summary>
/// How Jurisdictions reaches the realm's admin API (Keycloak's, or the identity service standing in for it):
/// <code>
/// "IdentityAdmin": {
///   "BaseAddress": "http://identity-api",   // a Keycloak server's URL in production
///   "Realm": "fenghuo",
///   "ClientId": "fenghuo-jurisdictions",    // a confidential client whose service account has realm-onboarding
///   "ClientSecret": "…"                     // env IdentityAdmin__ClientSecret; appsettings.Development.json holds the development one
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

    /// <summary>Outside Development the secret must be set and not be the published development one.</summary>
    public void EnsureUsableIn(IHostEnvironment environment) =>
        ServiceAccountSecret.EnsureUsable(ClientSecret, $"{Section}__ClientSecret", ClientId, environment);
}
