using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Identity.Apis;

/// <summary>Marks the admin endpoints the onboarding account may call at all; every other one answers it 403.</summary>
public sealed class OnboardingAllowed
{
    public static OnboardingAllowed Instance { get; } = new();
}

public static class OnboardingAllowedExtensions
{
    public static RouteHandlerBuilder AllowOnboarding(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(OnboardingAllowed.Instance);
}

/// <summary>Keeps the onboarding account (realm-onboarding without platform-admin) to the endpoints marked for it.</summary>
public sealed class OnboardingLimitFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var caller = context.HttpContext.RequestServices.GetRequiredService<TenantContext>();
        return AdminScope.IsOnboardingOnly(caller) && context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<OnboardingAllowed>() is null
            ? AdminScope.OutsideOnboarding
            : await next(context);
    }
}
