using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Oidc;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Fenghuo.Identity.Apis;

public static class UserInfoApi
{
    /// <summary>GET/POST …/protocol/openid-connect/userinfo: the user's claims as the client's mappers put them in userinfo.</summary>
    public static IEndpointRouteBuilder MapUserInfoApi(this IEndpointRouteBuilder app, RealmUrls urls)
    {
        app.MapMethods(urls.UserInfo, [HttpMethods.Get, HttpMethods.Post], UserInfoAsync)
            .AllowAnonymous()
            .WithTags("OpenID Connect")
            .WithName("UserInfo")
            .WithSummary("Claims about the bearer of an access token issued here");
        return app;
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, [AsParameters] OidcServices services, CancellationToken ct)
    {
        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var user = Guid.TryParse(principal?.GetClaim(Claims.Subject), out var userId)
            ? await services.Database.InTransactionAsync(TenantScope.None, s => services.Users.FindAsync(s, userId), ct)
            : null;
        var client = await services.Clients.FindEnabledAsync(principal?.GetClaim(TokenShaper.AuthorizedParty), ct);
        if (principal is null || user is null || client is null || !user.Enabled)
        {
            return Results.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "User not found or disabled.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        return Results.Json(TokenPrincipal.UserInfo(TokenShaper.Shape(user, client, TokenScopes.Grant(principal.GetScopes()))));
    }
}
