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

    /// <summary>
    /// Keycloak's meaning of ssl-required: "all" always, "none" never, "external" (the default)
    /// except for loopback and private addresses.
    /// </summary>
    public bool RequireHttpsMetadata => SslRequired.ToLowerInvariant() switch
    {
        "none" => false,
        "all" => true,
        _ => !IsLocalAddress(new Uri(AuthServerUrl).Host),
    };

    private static bool IsLocalAddress(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (!System.Net.IPAddress.TryParse(host, out var address))
        {
            return false;
        }
        if (System.Net.IPAddress.IsLoopback(address))
        {
            return true;
        }
        var bytes = address.GetAddressBytes();
        return bytes.Length == 4 && (bytes[0] == 10 || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31) || (bytes[0] == 192 && bytes[1] == 168));
    }
}
