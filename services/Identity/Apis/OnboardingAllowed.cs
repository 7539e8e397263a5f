using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Identity.Domain;

namespace Fenghuo.Identity.Apis;

/// <summary>Marks an admin endpoint a narrow service account may call; every other one answers that account 403.</summary>
public sealed record ServiceAccountAllowed(string Role);

public static class ServiceAccountAllowedExtensions
{
    /// <summary>Open to the onboarding account (realm-onboarding), within the limits its handler keeps.</summary>
    public static RouteHandlerBuilder AllowOnboarding(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new ServiceAccountAllowed(PlatformRoles.RealmOnboarding));

    /// <summary>Open to the directory account (realm-directory): reads only.</summary>
    public static RouteHandlerBuilder AllowDirectory(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new ServiceAccountAllowed(PlatformRoles.RealmDirectory));
}

/// <summary>Keeps a narrow service account (one without platform-admin) to the endpoints marked for its role.</summary>
public sealed class ServiceAccountLimitFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var caller = context.HttpContext.RequestServices.GetRequiredService<TenantContext>();
        var allowed = context.HttpContext.GetEndpoint()?.Metadata.GetOrderedMetadata<ServiceAccountAllowed>() ?? [];
        return caller.IsPlatformAdmin || allowed.Any(a => caller.IsInRole(a.Role))
            ? await next(context)
            : AdminScope.OutsideServiceAccount;
    }
}
