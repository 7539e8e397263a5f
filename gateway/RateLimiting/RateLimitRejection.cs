using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Fenghuo.Gateway.RateLimiting;

public static class RateLimitRejection
{
    public const string Title = "请求过于频繁 (Too many requests)";

    /// <summary>429 with Retry-After in whole seconds and an RFC 9457 body, so clients can back off without guessing.</summary>
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = RetryAfterSeconds(wait);
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            title: Title,
            detail: $"请在 {seconds} 秒后重试 (Retry after {seconds} s)",
            statusCode: StatusCodes.Status429TooManyRequests,
            type: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
            extensions: new Dictionary<string, object?> { ["code"] = "rate_limited", ["retryAfterSeconds"] = seconds })
            .ExecuteAsync(rejected.HttpContext);
    }

    /// <summary>Rounded up and at least 1: "Retry-After: 0" would invite an immediate retry that fails again.</summary>
    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
