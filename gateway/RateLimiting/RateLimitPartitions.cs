using System.Net;
using System.Security.Claims;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Gateway.RateLimiting;

/// <summary>Who a request counts against. Only the validated token and the TCP peer are trusted, never a header.</summary>
public static class RateLimitPartitions
{
    /// <summary>
    /// The caller's tenant; a token without one counts per user. Null for an anonymous caller, who is
    /// counted by address only: otherwise every anonymous request from one address (logins, the
    /// services' own key fetches) would share — and spend — a tenant-sized budget.
    /// </summary>
    public static string? ForCaller(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated == true)
        {
            if (user.FindFirst(ClaimNames.Tenant)?.Value is { Length: > 0 } tenant)
            {
                return $"tenant:{tenant}";
            }
            if (user.FindFirst(ClaimNames.Subject)?.Value is { Length: > 0 } subject)
            {
                return $"sub:{subject}";
            }
        }
        return null;
    }

    /// <summary>
    /// The peer address as Kestrel saw it. The gateway is the front door, so X-Forwarded-For is the
    /// client's own claim and is ignored; ::ffff:1.2.3.4 and 1.2.3.4 are one caller.
    /// </summary>
    public static string ForAddress(IPAddress? remoteAddress) => remoteAddress switch
    {
        null => "ip:unknown",
        { IsIPv4MappedToIPv6: true } => $"ip:{remoteAddress.MapToIPv4()}",
        _ => $"ip:{remoteAddress}",
    };

    /// <summary>Probes from the orchestrator and load balancers stay out of the request budgets; they have a generous one of their own.</summary>
    public static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
