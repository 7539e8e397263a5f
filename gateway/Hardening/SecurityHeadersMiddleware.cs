using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Fenghuo.Gateway.Hardening;

/// <summary>
/// Browser hardening on every response, the services' included: they all leave through here.
/// Applied as the headers go out, so error pages, 429s and proxied responses get them too.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    /// <summary>JSON APIs need nothing from a browser; a page that does (the docs) sets its own policy, which is kept.</summary>
    public const string DefaultContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    private readonly IReadOnlyList<IPAddress> tlsTerminators = [.. options.Value.TlsTerminators.Select(IPAddress.Parse)];

    public Task InvokeAsync(HttpContext context)
    {
        var https = ReachedOverHttps(context, tlsTerminators);
        context.Response.OnStarting(state =>
        {
            Apply((HttpContext)state, https);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    /// <summary>
    /// HTTPS to this process, or HTTPS to a TLS terminator in front of it that says so: its
    /// X-Forwarded-Proto counts only when the TCP peer is one of Gateway:TlsTerminators, since any
    /// other client could write the header.
    /// </summary>
    public static bool ReachedOverHttps(HttpContext context, IReadOnlyList<IPAddress> tlsTerminators)
    {
        if (context.Request.IsHttps)
        {
            return true;
        }
        var peer = context.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : context.Connection.RemoteIpAddress;
        return peer is not null && tlsTerminators.Contains(peer)
            && context.Request.Headers["X-Forwarded-Proto"].ToString().Split(',', StringSplitOptions.TrimEntries) is [.., var last]
            && string.Equals(last, "https", StringComparison.OrdinalIgnoreCase);
    }

    public static void Apply(HttpContext context) => Apply(context, context.Request.IsHttps);

    public static void Apply(HttpContext context, bool https)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = DefaultContentSecurityPolicy;
        }
        // HSTS over plain HTTP is ignored by browsers at best; a service's own must not leak through either.
        if (https)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
        else
        {
            headers.Remove(HeaderNames.StrictTransportSecurity);
        }
        // Kestrel's own is switched off; this removes the one a proxied service sent.
        headers.Remove(HeaderNames.Server);
    }
}
