using System.ComponentModel.DataAnnotations;

namespace Fenghuo.Gateway;

/// <summary>
/// The gateway's own limits, bound from the "Gateway" section:
/// <code>
/// "Gateway": {
///   "MaxRequestBodyBytes": 1048576,   // larger bodies are refused with 413 before reaching a service
///   "HealthTimeoutSeconds": 3,        // how long /health waits for each service's own /health
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
}
