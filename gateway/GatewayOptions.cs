using System.ComponentModel.DataAnnotations;

namespace Fenghuo.Gateway;

/// <summary>
/// The gateway's own limits, bound from the "Gateway" section:
/// <code>
/// "Gateway": {
///   "MaxRequestBodyBytes": 1048576,   // larger bodies are refused with 413 before reaching a service
///   "HealthTimeoutSeconds": 3,        // how long /health waits for each service's own /health
///   "PublishAdminApi": false,         // route /admin/realms/** (Keycloak's admin API) through the gateway; Development turns it on
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

    /// <summary>Off unless set: the admin API can reset passwords and grant roles, and the services reach it without the gateway.</summary>
    public bool PublishAdminApi { get; set; }
}
