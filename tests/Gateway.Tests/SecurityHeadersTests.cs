using Fenghuo.Gateway.Docs;
using Fenghuo.Gateway.Hardening;
using Microsoft.AspNetCore.Http;

namespace Fenghuo.Gateway.Tests;

public sealed class SecurityHeadersTests
{
    [Fact]
    public void Every_response_is_hardened_and_anonymous()
    {
        var context = new DefaultHttpContext();
        context.Response.Headers.Server = "Kestrel";

        SecurityHeadersMiddleware.Apply(context);

        var headers = context.Response.Headers;
        Assert.Equal("nosniff", headers.XContentTypeOptions);
        Assert.Equal("DENY", headers.XFrameOptions);
        Assert.Equal("no-referrer", headers["Referrer-Policy"]);
        Assert.Equal(SecurityHeadersMiddleware.DefaultContentSecurityPolicy, headers.ContentSecurityPolicy);
        Assert.False(headers.ContainsKey("Server"));
    }

    [Fact]
    public void Hsts_only_over_https()
    {
        var plain = new DefaultHttpContext();
        plain.Response.Headers.StrictTransportSecurity = "max-age=1";
        SecurityHeadersMiddleware.Apply(plain);
        Assert.False(plain.Response.Headers.ContainsKey("Strict-Transport-Security"));

        var secure = new DefaultHttpContext();
        secure.Request.Scheme = "https";
        SecurityHeadersMiddleware.Apply(secure);
        Assert.Equal(SecurityHeadersMiddleware.StrictTransportSecurity, secure.Response.Headers.StrictTransportSecurity);
    }

    [Theory]
    [InlineData("10.1.2.3", "https", true)]
    [InlineData("10.1.2.3", "http", false)]
    [InlineData("10.1.2.3", null, false)]
    [InlineData("203.0.113.50", "https", false)]
    public void Hsts_behind_a_tls_terminator_only_when_that_terminator_says_https(string peer, string? forwardedProto, bool hsts)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(peer);
        if (forwardedProto is not null)
        {
            context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        }
        var https = SecurityHeadersMiddleware.ReachedOverHttps(context, [System.Net.IPAddress.Parse("10.1.2.3")]);
        SecurityHeadersMiddleware.Apply(context, https);
        Assert.Equal(hsts, context.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    [Fact]
    public void A_page_that_sets_its_own_policy_keeps_it()
    {
        var context = new DefaultHttpContext();
        context.Response.Headers.ContentSecurityPolicy = ApiDocs.ContentSecurityPolicy("n0nce");

        SecurityHeadersMiddleware.Apply(context);

        Assert.Contains("'nonce-n0nce'", context.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.DoesNotContain("unsafe-inline", context.Response.Headers.ContentSecurityPolicy.ToString().Split(';').Single(d => d.Contains("script-src")));
    }
}
