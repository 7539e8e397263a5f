using Fenghuo.Identity.Realm;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Identity.Apis;

/// <summary>The admin API serves one realm; any other name answers as Keycloak does for a realm it lacks.</summary>
public sealed class KnownRealmFilter(KeycloakOptions keycloak) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        string.Equals(context.HttpContext.Request.RouteValues["realm"] as string, keycloak.Realm, StringComparison.Ordinal)
            ? await next(context)
            : TypedResults.NotFound(new KeycloakError("Realm not found."));
}
