using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Oidc;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Identity.Apis;

public static class RealmApis
{
    /// <summary>
    /// Every endpoint of the realm at Keycloak's paths. Discovery (/.well-known/openid-configuration)
    /// and the keys (/certs) are answered by OpenIddict itself; the OpenID Connect endpoints are
    /// anonymous as Keycloak's are; the admin API needs realm role platform-admin, or realm-onboarding
    /// for the few calls onboarding makes (see <see cref="AdminScope"/>).
    /// </summary>
    public static WebApplication MapRealmApis(this WebApplication app)
    {
        var urls = app.Services.GetRequiredService<RealmUrls>();
        app.MapAuthorizationApi(urls)
            .MapTokenApi(urls)
            .MapUserInfoApi(urls)
            .MapLogoutApi(urls)
            .MapAccountApi(urls);

        app.MapGroup(urls.AdminRealm)
            .RequireAuthorization(policy => policy.RequireRole(Roles.PlatformAdmin, PlatformRoles.RealmOnboarding, PlatformRoles.RealmDirectory))
            .AddEndpointFilter<KnownRealmFilter>()
            .AddEndpointFilter<ServiceAccountLimitFilter>()
            .MapAdminUsersApi()
            .MapAdminRolesApi()
            .MapAttackDetectionApi()
            .MapAdminApprovalsApi();
        return app;
    }
}
