using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Fenghuo.ServiceDefaults.Auth;

public static class KeycloakAuthentication
{
    /// <summary>
    /// JwtBearer configured as Keycloak.AuthServices configures it: authority from the realm,
    /// audience from "resource", realm roles (realm_access.roles) as role claims, preferred_username
    /// as the name. Every endpoint requires a valid token unless it says AllowAnonymous.
    /// </summary>
    public static IHostApplicationBuilder AddKeycloakAuthentication(this IHostApplicationBuilder builder)
    {
        var keycloak = builder.Configuration.GetSection(KeycloakOptions.Section).Get<KeycloakOptions>() ?? new KeycloakOptions();
        builder.Services.AddSingleton(keycloak);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = keycloak.Authority;
                options.Audience = keycloak.Audience ?? keycloak.Resource;
                options.RequireHttpsMetadata = keycloak.RequireHttpsMetadata;
                options.MapInboundClaims = false;
                // Nothing reads the token back from the authentication properties (YARP forwards the
                // Authorization header itself), so it is not copied into them on every request.
                options.SaveToken = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateAudience = keycloak.VerifyTokenAudience,
                    NameClaimType = ClaimNames.PreferredUsername,
                    RoleClaimType = ClaimNames.Role,
                    ClockSkew = TimeSpan.FromSeconds(keycloak.TokenClockSkewSeconds),
                };
                // The handler also maps the realm roles (realm_access.roles) to role claims, once per token.
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new RememberingTokenHandler(TimeProvider.System));
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
