using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Fenghuo.Gateway.RateLimiting;

public static class GatewayRateLimiting
{
    /// <summary>The stricter per-address limit shared by every path that checks a password (GatewayRoutes.PasswordPaths).</summary>
    public const string PasswordEndpointsPolicy = "password-endpoints";

    /// <summary>
    /// Every request counts against its client address and against its tenant (chained: both must
    /// have room). The paths that check passwords additionally share their own, much smaller, per-address bucket.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RateLimitOptions>>((options, limits) => Configure(options, limits.Value));
        return builder;
    }

    /// <summary>
    /// A minute's worth may arrive at once; after that requests refill one at a time, evenly, so a
    /// rejected caller's Retry-After is the wait for the next one rather than a whole window.
    /// </summary>
    public static TokenBucketRateLimiterOptions PerMinute(int requests) => new()
    {
        TokenLimit = requests,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / requests,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static void Configure(RateLimiterOptions options, RateLimitOptions limits)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = RateLimitRejection.WriteAsync;
        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            Limiter(context => RateLimitPartitions.ForAddress(context.Connection.RemoteIpAddress), limits.PerIpPerMinute),
            Limiter(context => RateLimitPartitions.ForCaller(context.User), limits.PerTenantPerMinute),
            // Probes are kept out of the request budgets above but have one of their own: /health is anonymous.
            PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartitions.IsExempt(context.Request.Path)
                ? RateLimitPartition.GetTokenBucketLimiter($"health:{RateLimitPartitions.ForAddress(context.Connection.RemoteIpAddress)}", _ => PerMinute(limits.HealthPerIpPerMinute))
                : RateLimitPartition.GetNoLimiter(string.Empty)));
        options.AddPolicy(PasswordEndpointsPolicy, context => RateLimitPartition.GetTokenBucketLimiter(
            RateLimitPartitions.ForAddress(context.Connection.RemoteIpAddress),
            _ => PerMinute(limits.TokenEndpointPerIpPerMinute)));
    }

    private static PartitionedRateLimiter<HttpContext> Limiter(Func<HttpContext, string?> partition, int perMinute) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            !RateLimitPartitions.IsExempt(context.Request.Path) && partition(context) is { } key
                ? RateLimitPartition.GetTokenBucketLimiter(key, _ => PerMinute(perMinute))
                : RateLimitPartition.GetNoLimiter(string.Empty));
}
