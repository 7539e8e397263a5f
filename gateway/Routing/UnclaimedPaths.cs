namespace Fenghuo.Gateway.Routing;

/// <summary>
/// The portal takes every path no route claims, but not under the platform's own prefixes: an
/// unknown API, an unpublished admin API or a missing document answers 404 here, as it did before
/// there was a portal, instead of a web page. Service routes are more specific and still win.
/// </summary>
public static class UnclaimedPaths
{
    public static IReadOnlyList<string> Prefixes { get; } = ["/api", "/admin", "/openapi", "/internal"];

    public static WebApplication MapUnclaimedPaths(this WebApplication app)
    {
        foreach (var prefix in Prefixes)
        {
            app.Map(prefix, () => TypedResults.NotFound()).AllowAnonymous();
            app.Map($"{prefix}/{{**rest}}", () => TypedResults.NotFound()).AllowAnonymous();
        }
        return app;
    }
}
