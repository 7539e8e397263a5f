using Fenghuo.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// The admin and account APIs take tokens this service issued. Other services fetch the keys from
/// the issuer's discovery document through the gateway; this one reads its own keys directly, so
/// it never depends on the gateway (or on itself over HTTP) to check a caller.
/// </summary>
public sealed class LocalTokenValidation(RealmKeys keys, KeycloakOptions keycloak)
    : IPostConfigureOptions<JwtBearerOptions>, IConfigurationManager<OpenIdConnectConfiguration>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme)
        {
            options.ConfigurationManager = this;
        }
    }

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = keycloak.Issuer };
        foreach (var key in keys.Signing)
        {
            configuration.SigningKeys.Add(key);
        }
        return Task.FromResult(configuration);
    }

    public void RequestRefresh()
    {
        // Nothing to refresh: the realm's keys are fixed for the life of the process.
    }
}
