namespace Fenghuo.Incidents.Bench;

/// <summary>
/// Gateway limits for a benchmark run, passed through the AppHost's Gateway__* environment. High
/// enough that no token bucket empties within any run this tool makes, so a 429 would be a finding.
/// </summary>
internal static class RaisedRateLimits
{
    public static Dictionary<string, string> Environment() => new()
    {
        ["Gateway__RateLimits__PerTenantPerMinute"] = "10000000",
        ["Gateway__RateLimits__PerIpPerMinute"] = "10000000",
        // The set-up logs in a duty officer of each of the 200 counties at once, all from this address.
        ["Gateway__RateLimits__TokenEndpointPerIpPerMinute"] = "100000",
    };
}
