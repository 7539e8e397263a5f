using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Login;
using Fenghuo.Identity.Oidc;
using Fenghuo.Identity.Realm;
using Fenghuo.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Fenghuo.Identity.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>
    /// The realm (from the embedded realm file), its stores, and an OpenIddict server that answers at
    /// Keycloak's URLs with Keycloak-shaped tokens. OpenIddict runs in degraded mode: clients and users
    /// are this service's own Dapper-backed tables, codes and refresh tokens are self-contained.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("identity");
        builder.AddTenancy();
        builder.AddServiceMessaging("identity", bus => bus.AddTenantDirectoryReplica());

        var keycloak = builder.Configuration.GetSection(KeycloakOptions.Section).Get<KeycloakOptions>() ?? new KeycloakOptions();
        var realm = RealmDefinition.Load(RealmDefinition.ReadEmbedded(), keycloak.Realm);
        var urls = new RealmUrls(keycloak);
        if (!builder.Environment.IsDevelopment())
        {
            var seed = builder.Configuration.GetSection(RealmSeedOptions.Section).Get<RealmSeedOptions>() ?? new RealmSeedOptions();
            KnownCredentials.EnsureNoneOutsideDevelopment(realm.Representation, seed, builder.Configuration[SigningKeyFiles.Setting], builder.Environment.EnvironmentName);
        }

        builder.Services.AddOptions<RealmSeedOptions>().BindConfiguration(RealmSeedOptions.Section);
        builder.Services.AddSingleton(realm);
        builder.Services.AddSingleton(urls);
        builder.Services.AddSingleton<PasswordHasher<RealmUser>>();
        builder.Services.AddSingleton<RealmKeyStore>();
        builder.Services.AddSingleton<RealmKeys>();
        builder.Services.AddSingleton<RoleStore>();
        builder.Services.AddSingleton<ClientStore>();
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton<LoginFailureStore>();
        builder.Services.AddSingleton<IdentityAudit>();
        builder.Services.AddSingleton<SeedRecord>();
        builder.Services.AddSingleton<ApprovalStore>();
        builder.Services.AddSingleton<Apis.AdminScope>();
        builder.Services.AddSingleton<RealmSeeder>();
        builder.Services.AddSingleton<AccountStandingCheck>();
        builder.Services.AddSingleton<PasswordLogin>();
        builder.Services.AddSingleton<PasswordChange>();
        builder.Services.AddSingleton<SessionTokens>();
        builder.Services.AddSingleton<LoginFormGuard>();
        builder.Services.AddHostedService<RealmBootstrap>();

        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeysConfiguration>();
        builder.Services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, LocalTokenValidation>();
        builder.Services.AddOpenIddict().AddServer(server => ConfigureServer(server, urls, realm, keycloak));
        return builder;
    }

    private static void ConfigureServer(OpenIddictServerBuilder server, RealmUrls urls, RealmDefinition realm, KeycloakOptions keycloak)
    {
        server.SetIssuer(new Uri(urls.Issuer))
            .SetConfigurationEndpointUris(urls.Configuration)
            .SetAuthorizationEndpointUris(urls.Authorization)
            .SetTokenEndpointUris(urls.Token)
            .SetIntrospectionEndpointUris(urls.Introspection)
            .SetJsonWebKeySetEndpointUris(urls.Certs)
            .SetUserInfoEndpointUris(urls.UserInfo)
            .SetEndSessionEndpointUris(urls.Logout);

        server.AllowAuthorizationCodeFlow()
            .AllowClientCredentialsFlow()
            .AllowPasswordFlow()
            .AllowRefreshTokenFlow();
        server.RegisterScopes([.. TokenScopes.Supported]);
        server.RegisterClaims(
            ClaimNames.Subject, ClaimNames.PreferredUsername, ClaimNames.RealmAccess, ClaimNames.Tenant, TokenShaper.AuthorizedParty,
            TokenShaper.Name, TokenShaper.GivenName, TokenShaper.FamilyName, TokenShaper.Email, TokenShaper.EmailVerified);

        server.SetAccessTokenLifetime(realm.Lifetimes.AccessToken)
            .SetIdentityTokenLifetime(realm.Lifetimes.AccessToken)
            .SetAuthorizationCodeLifetime(realm.Lifetimes.AuthorizationCode)
            .SetRefreshTokenLifetime(realm.Lifetimes.SessionIdle);

        // Keycloak's access tokens are plain signed JWTs that any service can read.
        server.DisableAccessTokenEncryption();
        server.EnableDegradedMode();

        server.AddEventHandler(FrontendBaseUri.Descriptor)
            .AddEventHandler(ValidateAuthorizationRequestClient.Descriptor)
            .AddEventHandler(ValidateTokenRequestClient.Descriptor)
            .AddEventHandler(ValidateIntrospectionRequestClient.Descriptor)
            .AddEventHandler(ValidateEndSessionRequestRedirect.Descriptor)
            .AddEventHandler(RefreshTokensForUserGrants.Descriptor)
            .AddEventHandler(KeycloakTokenResponse.Descriptor)
            .AddEventHandler(KeycloakIntrospectionClaims.Descriptor);
        // Keycloak lets any authenticated confidential client introspect any token of the realm.
        server.RemoveEventHandler(OpenIddictServerHandlers.Introspection.ValidateAuthorizedParty.Descriptor);

        var aspNetCore = server.UseAspNetCore()
            .SuppressJsonResponseIndentation()
            .EnableAuthorizationEndpointPassthrough()
            .EnableTokenEndpointPassthrough()
            .EnableUserInfoEndpointPassthrough()
            .EnableEndSessionEndpointPassthrough();
        // Keycloak's "external" allows plain HTTP from private addresses, which is where the gateway
        // calls from; only "all" makes this process insist on HTTPS itself.
        if (!string.Equals(keycloak.SslRequired, "all", StringComparison.OrdinalIgnoreCase))
        {
            aspNetCore.DisableTransportSecurityRequirement();
        }
    }
}
