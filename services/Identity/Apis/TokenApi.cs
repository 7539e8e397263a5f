using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Login;
using Fenghuo.Identity.Oidc;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Fenghuo.Identity.Apis;

public static class TokenApi
{
    /// <summary>
    /// POST …/protocol/openid-connect/token. OpenIddict has parsed the request and authenticated the
    /// client (ValidateTokenRequestClient) before this runs; here the user side of each grant is decided.
    /// </summary>
    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder app, RealmUrls urls)
    {
        app.MapPost(urls.Token, ExchangeAsync)
            .AllowAnonymous()
            .WithTags("OpenID Connect")
            .WithName("Token")
            .WithSummary("Token endpoint: password (fenghuo-cli only), client credentials, authorization code with PKCE, refresh token");
        return app;
    }

    private static async Task<IResult> ExchangeAsync(HttpContext http, [AsParameters] OidcServices services, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The token endpoint runs only behind OpenIddict's request handling.");
        var client = await services.Clients.FindEnabledAsync(request.ClientId, ct)
            ?? throw new InvalidOperationException("The client was authenticated before the endpoint ran.");

        if (request.IsPasswordGrantType())
        {
            var result = await services.Login.AttemptAsync(request.Username, request.Password, client.ClientId, LoginSource.Of(http), ct);
            return result.Outcome switch
            {
                LoginOutcome.Success => OidcResults.SignIn(result.User!, client, request.GetScopes(), LoginSession.Start(services.Time.GetUtcNow())),
                LoginOutcome.Disabled => OidcResults.Refuse(Errors.InvalidGrant, KeycloakErrors.AccountDisabled),
                LoginOutcome.NotFullySetUp => OidcResults.Refuse(Errors.InvalidGrant, KeycloakErrors.AccountNotFullySetUp),
                _ => OidcResults.Refuse(Errors.InvalidGrant, KeycloakErrors.InvalidUserCredentials),
            };
        }

        if (request.IsClientCredentialsGrantType())
        {
            var account = await services.Database.InTransactionAsync(TenantScope.None, s => services.Users.FindServiceAccountAsync(s, client.ClientId), ct);
            return account is { Enabled: true }
                ? OidcResults.SignIn(account, client, request.GetScopes(), session: null)
                : OidcResults.Refuse(Errors.UnauthorizedClient, KeycloakErrors.ServiceAccountNotEnabled);
        }

        // Authorization code or refresh token, both already validated by OpenIddict. Each is redeemed
        // once (LoginSession); the user is read afresh, so a disabled account, a suspended
        // jurisdiction or a password reset ends the session.
        var previous = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var (user, session) = previous is not null && Guid.TryParse(previous.GetClaim(Claims.Subject), out var userId)
            ? await services.Database.InTransactionAsync(TenantScope.None, async s =>
                (await services.Users.FindAsync(s, userId), await LoginSession.RedeemAsync(s, previous, services.Realm, services.Time.GetUtcNow())), ct)
            : (null, null);
        if (previous is null || user is null || session is null || user.Revoked(previous.GetCreationDate() ?? DateTimeOffset.MinValue))
        {
            return OidcResults.Refuse(Errors.InvalidGrant, KeycloakErrors.SessionNotActive);
        }
        return await services.Standing.OfAsync(user, ct) switch
        {
            AccountStanding.Active => OidcResults.SignIn(user, client, previous.GetScopes(), session),
            AccountStanding.Disabled => OidcResults.Refuse(Errors.InvalidGrant, KeycloakErrors.AccountDisabled),
            _ => OidcResults.Refuse(Errors.InvalidGrant, KeycloakErrors.AccountNotFullySetUp),
        };
    }
}
