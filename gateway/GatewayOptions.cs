using System.ComponentModel.DataAnnotations;

namespace Fenghuo.Gateway;

/// <summary>
/// The gateway's own limits, bound from the "Gateway" section:
/// <code>
/// "Gateway": {
///   "MaxRequestBodyBytes": 1048576,   // larger bodies are refused with 413 before reaching a service
///   "HealthTimeoutSeconds": 3,        // how long /health waits for each service's own /health
///   "HealthCacheSeconds": 2,          // a probe of the services serves every /health within this window
///   "InternalHealthUrl": null,        // e.g. http://127.0.0.1:8081: also listen there and answer /health/detail on it only
///   "PublishAdminApi": false,
///   "TlsTerminators": [],             // addresses of the TLS-terminating proxies whose X-Forwarded-Proto: https earns HSTS         // route /admin/realms/** (Keycloak's admin API) through the gateway; Development turns it on
///   "RateLimits": { … }               // see RateLimitOptions
/// }
/// </code>
/// </summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    [Range(1, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    [Range(0.1, 60)]
    public double HealthTimeoutSeconds { get; set; } = 3;

    public TimeSpan HealthTimeout => TimeSpan.FromSeconds(HealthTimeoutSeconds);

    [Range(0, 60)]
    public double HealthCacheSeconds { get; set; } = 2;

    /// <summary>An address only operators reach (loopback, a management network); null: no detailed health at all.</summary>
    public Uri? InternalHealthUrl { get; set; }

    /// <summary>Off unless set: the admin API can reset passwords and grant roles, and the services reach it without the gateway.</summary>
    public bool PublishAdminApi { get; set; }

    /// <summary>IP addresses of the load balancers that terminate TLS in front of the gateway.</summary>
    public List<string> TlsTerminators { get; set; } = [];
}
