using System.ComponentModel.DataAnnotations;

namespace Fenghuo.Gateway.RateLimiting;

/// <summary>
/// Token-bucket limits, each a sustained rate per minute that may also be spent at once as a burst.
/// Bound from "Gateway:RateLimits":
/// <code>
/// "Gateway": {
///   "RateLimits": {
///     "PerTenantPerMinute": 6000,           // per token "tenant" claim (else "sub", else client IP)
///     "PerIpPerMinute": 12000,              // per client IP, whoever it claims to be
///     "HealthPerIpPerMinute": 600,          // /health and /alive, per client IP (probes poll; nobody needs more)
///     "TokenEndpointPerIpPerMinute": 120    // every path that checks a password (token, login form, password change), together, per client IP
///   }
/// }
/// </code>
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimits";

    [Range(1, int.MaxValue)]
    public int PerTenantPerMinute { get; set; } = 6000;

    [Range(1, int.MaxValue)]
    public int PerIpPerMinute { get; set; } = 12000;

    // Loose enough for test suites that sign in many users from one machine, tight enough to make
    // password guessing slow; lower it where clients sit behind distinct addresses.
    [Range(1, int.MaxValue)]
    public int HealthPerIpPerMinute { get; set; } = 600;

    [Range(1, int.MaxValue)]
    public int TokenEndpointPerIpPerMinute { get; set; } = 120;
}
