using Fenghuo.ServiceDefaults.Auth;
using Microsoft.Extensions.Hosting;

namespace Fenghuo.Notifications.Recipients;

/// <summary>
/// "Notifications:Identity": where the realm's admin API is and the confidential client whose
/// service account may read users (Keycloak's view-users; realm-directory on the stand-in).
/// </summary>
public sealed class IdentityOptions
{
    public Uri BaseAddress { get; set; } = new("http://identity-api");

    public string Realm { get; set; } = "fenghuo";

    public string ClientId { get; set; } = "fenghuo-notifications";

    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>How long a tenant's users are kept before the realm is asked again.</summary>
    public int CacheSeconds { get; set; } = 60;

    /// <summary>Outside Development the secret must be set and not be the published development one.</summary>
    public void EnsureUsableIn(IHostEnvironment environment) =>
        ServiceAccountSecret.EnsureUsable(ClientSecret, "Notifications__Identity__ClientSecret", ClientId, environment);
}
