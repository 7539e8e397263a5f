using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Login;
using Fenghuo.Identity.Oidc;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Fenghuo.Identity.Apis;

public static class LogoutApi
{
    /// <summary>
    /// …/protocol/openid-connect/logout, Keycloak's end-session endpoint. A GET changes nothing: it
    /// asks "do you want to sign out?" with a form that posts back the request and the login forms'
    /// cross-site guard, so no other site can sign a user out. The POST revokes the browser's login
    /// session — every code and refresh token issued from it stops working — ends the single sign-on
    /// cookie, and goes back to the client's registered post_logout_redirect_uri, or says so on a page.
    /// </summary>
    public static IEndpointRouteBuilder MapLogoutApi(this IEndpointRouteBuilder app, RealmUrls urls)
    {
        var group = app.MapGroup(string.Empty).AllowAnonymous().WithTags("OpenID Connect");
        group.MapGet(urls.Logout, Confirm)
            .WithName("LogoutConfirmation")
            .WithSummary("End-session endpoint: asks the user to confirm");
        group.MapPost(urls.Logout, LogoutAsync)
            .DisableAntiforgery()
            .WithName("Logout")
            .WithSummary("End-session endpoint: revokes the browser's login session and ends single sign-on");
        return app;
    }

    private static IResult Confirm(HttpContext http, [AsParameters] OidcServices services)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The end-session endpoint runs only behind OpenIddict's request handling.");
        var carried = new Dictionary<string, string?>
        {
            [OpenIddictConstants.Parameters.ClientId] = request.ClientId,
            [OpenIddictConstants.Parameters.PostLogoutRedirectUri] = request.PostLogoutRedirectUri,
            [OpenIddictConstants.Parameters.State] = request.State,
            [OpenIddictConstants.Parameters.IdTokenHint] = request.IdTokenHint,
        };
        return LoginPage.ConfirmLogout(services.Urls.Absolute(services.Urls.Logout), services.Guard.Issue(http),
            carried.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value!));
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, [AsParameters] OidcServices services, [FromForm] string? guard, CancellationToken ct)
    {
        if (!services.Guard.Check(http, guard))
        {
            return LoginPage.Message(
                "退出请求已失效 (Sign-out not confirmed)",
                "此退出请求不是从本平台的确认页面提交的，您仍处于登录状态。(This sign-out did not come from Fenghuo's confirmation page; you are still signed in.)",
                StatusCodes.Status400BadRequest);
        }
        if (await services.Sessions.ReadSessionAsync(http) is { Login: { } login } session)
        {
            await services.Database.InTransactionAsync(TenantScope.None, async s =>
            {
                var now = services.Time.GetUtcNow();
                await LoginSession.RevokeAsync(s, login.Id, "logout", now);
                if (await services.Users.FindAsync(s, session.UserId) is { } user)
                {
                    await services.Audit.RecordAsync(s, user.Username, "identity.logout", user, IdentityAudit.Success, new { session = login.Id });
                }
            }, ct);
        }
        services.Sessions.EndSession(http);
        return string.IsNullOrEmpty(http.GetOpenIddictServerRequest()?.PostLogoutRedirectUri)
            ? LoginPage.Message("已退出登录 (Signed out)", "您已退出烽火平台。(You are signed out of Fenghuo.)")
            : Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
