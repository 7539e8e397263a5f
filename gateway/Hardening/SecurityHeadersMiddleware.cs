using Microsoft.Net.Http.Headers;

namespace Fenghuo.Gateway.Hardening;

/// <summary>
/// Browser hardening on every response, the services' included: they all leave through here.
/// Applied as the headers go out, so error pages, 429s and proxied responses get them too.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>JSON APIs need nothing from a browser; a page that does (the docs) sets its own policy, which is kept.</summary>
    public const string DefaultContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    public static void Apply(HttpContext context)
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
        if (context.Request.IsHttps)
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
