using System.Security.Cryptography;
using Fenghuo.Gateway.Routing;
using Scalar.AspNetCore;

namespace Fenghuo.Gateway.Docs;

public static class ApiDocs
{
    public const string Prefix = "/docs";

    /// <summary>
    /// One Scalar page for the whole platform, each service's document fetched through the gateway
    /// (/openapi/{service}.json). Scalar's script is served from the package itself, so the page
    /// works without internet access; what would reach Scalar's cloud (CDN fonts, the AI agent, MCP,
    /// the developer-tools bar) is turned off for the same reason.
    /// </summary>
    public static IEndpointConventionBuilder MapApiDocs(this WebApplication app) =>
        app.MapScalarApiReference(Prefix, (options, context) =>
        {
            // Fresh per request: Scalar builds its options per request (IOptionsSnapshot), and the header below must match.
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            options.WithTitle("烽火 Fenghuo API")
                .DisableDefaultFonts()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .WithNonce(nonce)
                // "Try it" must go through the gateway (auth, limits), not to the service addresses in each document.
                .AddServer("/", "Fenghuo gateway")
                .WithDynamicBaseServerUrl(true);
            foreach (var service in Downstreams.All)
            {
                options.AddDocument(service.DocumentName, service.Title, service.OpenApiPath, isDefault: service == Downstreams.Incidents);
            }
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
        }).AllowAnonymous();

    /// <summary>Scripts only from here and the page's own nonce; Scalar injects style elements at run time, hence unsafe-inline for styles.</summary>
    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'none'";
}
