using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Gateway.Routing;

/// <summary>What the gateway changes in the headers it passes on; YARP copies everything else, Authorization included.</summary>
public static class ProxyHeaderPolicy
{
    // Tenancy comes from the validated token only; a header a client made up must never reach a
    // service that might one day trust it.
    private static readonly string[] ClientAssertedPrefixes = ["X-Fenghuo-", "X-Tenant"];

    public static bool IsClientAsserted(string name) =>
        ClientAssertedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>The id CorrelationIdMiddleware settled on; it rewrites the request header to it.</summary>
    public static string? CorrelationIdOf(HttpContext context) =>
        context.Request.Headers[CorrelationId.HeaderName].FirstOrDefault();

    /// <param name="correlationId">Forwarded so the gateway's and the service's log lines share one id.</param>
    /// <remarks>
    /// The names are read without validating the values (NonValidated): enumerating the headers
    /// themselves parsed every value on every request, the bearer token's Authorization header included,
    /// only to look at the names.
    /// </remarks>
    public static void ApplyToRequest(HttpRequestMessage proxyRequest, string? correlationId)
    {
        foreach (var name in proxyRequest.Headers.NonValidated.Select(h => h.Key).Where(IsClientAsserted).ToList())
        {
            proxyRequest.Headers.Remove(name);
        }
        if (proxyRequest.Content is { } content)
        {
            foreach (var name in content.Headers.NonValidated.Select(h => h.Key).Where(IsClientAsserted).ToList())
            {
                content.Headers.Remove(name);
            }
        }
        if (!string.IsNullOrEmpty(correlationId))
        {
            proxyRequest.Headers.Remove(CorrelationId.HeaderName);
            proxyRequest.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, correlationId);
        }
    }

    /// <summary>The service echoes the id the gateway already put on the response; one copy is enough.</summary>
    public static void ApplyToResponse(IHeaderDictionary responseHeaders, string? correlationId)
    {
        if (!string.IsNullOrEmpty(correlationId))
        {
            responseHeaders[CorrelationId.HeaderName] = correlationId;
        }
    }
}
