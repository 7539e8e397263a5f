using Fenghuo.Identity.Login;
using Fenghuo.Identity.Oidc;
using Microsoft.AspNetCore;
using OpenIddict.Server.AspNetCore;

namespace Fenghuo.Identity.Apis;

public static class LogoutApi
{
    /// <summary>
    /// GET/POST …/protocol/openid-connect/logout: ends the browser's single sign-on session and goes
    /// back to the client's registered post_logout_redirect_uri, or says so on a page.
    /// </summary>
    public static IEndpointRouteBuilder MapLogoutApi(this IEndpointRouteBuilder app, RealmUrls urls)
    {
        app.MapMethods(urls.Logout, [HttpMethods.Get, HttpMethods.Post], Logout)
            .AllowAnonymous()
            .WithTags("OpenID Connect")
            .WithName("Logout")
            .WithSummary("End-session endpoint");
        return app;
    }

    private static IResult Logout(HttpContext http, SessionTokens sessions)
    {
        sessions.EndSession(http);
        return string.IsNullOrEmpty(http.GetOpenIddictServerRequest()?.PostLogoutRedirectUri)
            ? LoginPage.Message("已退出登录 (Signed out)", "您已退出烽火平台。(You are signed out of Fenghuo.)")
            : Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
