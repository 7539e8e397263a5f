using Microsoft.Extensions.Configuration;

namespace Fenghuo.ServiceDefaults.Auth;

/// <summary>
/// The keys and meanings of Keycloak.AuthServices' "Keycloak" section, so a real Keycloak (or that
/// library, where it can be had) drops in by configuration alone:
/// <code>
/// "Keycloak": {
///   "realm": "fenghuo",
///   "auth-server-url": "http://127.0.0.1:8080/",
///   "resource": "fenghuo-api",          // expected audience unless "Audience" is set
///   "verify-token-audience": true,
///   "ssl-required": "none",             // anything else requires HTTPS metadata
///   "token-clock-skew": 0               // seconds
/// }
/// </code>
/// </summary>
public sealed class KeycloakOptions
{
    public const string Section = "Keycloak";

    [ConfigurationKeyName("realm")]
    public string Realm { get; set; } = "fenghuo";

    [ConfigurationKeyName("auth-server-url")]
    public string AuthServerUrl { get; set; } = "http://127.0.0.1:8080/";

    [ConfigurationKeyName("resource")]
    public string Resource { get; set; } = "fenghuo-api";

    public string? Audience { get; set; }

    [ConfigurationKeyName("verify-token-audience")]
    public bool VerifyTokenAudience { get; set; } = true;

    [ConfigurationKeyName("ssl-required")]
    public string SslRequired { get; set; } = "external";

    [ConfigurationKeyName("token-clock-skew")]
    public int TokenClockSkewSeconds { get; set; }

    /// <summary>Keycloak's issuer for the realm: {auth-server-url}/realms/{realm}.</summary>
    public string Issuer => $"{AuthServerUrl.TrimEnd('/')}/realms/{Realm}";

    public string Authority => Issuer + "/";

    public bool RequireHttpsMetadata => !string.Equals(SslRequired, "none", StringComparison.OrdinalIgnoreCase);
}
