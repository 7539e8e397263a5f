using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fenghuo.Identity.Domain;
using Fenghuo.ServiceDefaults.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Fenghuo.Identity.Oidc;

/// <summary>Turns a <see cref="TokenShape"/> into what OpenIddict signs, and into the userinfo answer.</summary>
public static class TokenPrincipal
{
    public static ClaimsPrincipal Create(TokenShape shape)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, ClaimNames.PreferredUsername, ClaimNames.Role);
        foreach (var shaped in shape.Claims)
        {
            var claim = shaped.Value.GetValueKind() switch
            {
                JsonValueKind.String => new Claim(shaped.Type, shaped.Value.GetValue<string>()),
                JsonValueKind.True or JsonValueKind.False => new Claim(shaped.Type, shaped.Value.ToJsonString(), ClaimValueTypes.Boolean),
                // realm_access is a JSON object in Keycloak's tokens, not a string holding JSON.
                _ => new Claim(shaped.Type, shaped.Value.ToJsonString(), JsonClaimValueTypes.Json),
            };
            claim.SetDestinations(Destinations(shaped));
            identity.AddClaim(claim);
        }
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(shape.Scopes);
        principal.SetAudiences(shape.Audiences);
        return principal;
    }

    public static JsonObject UserInfo(TokenShape shape)
    {
        var answer = new JsonObject();
        foreach (var claim in shape.Claims.Where(c => c.InUserInfo))
        {
            answer[claim.Type] = claim.Value.DeepClone();
        }
        return answer;
    }

    private static string[] Destinations(ShapedClaim claim) =>
        (claim.InAccessToken, claim.InIdToken) switch
        {
            (true, true) => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
            (true, false) => [OpenIddictConstants.Destinations.AccessToken],
            (false, true) => [OpenIddictConstants.Destinations.IdentityToken],
            _ => [],
        };
}
