using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Login;
using Fenghuo.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Fenghuo.Identity.Tests;

/// <summary>
/// Signing out in the browser ends the login session everywhere it reached: the portal's refresh
/// token stops working and the next sign-in asks for the password. Only the confirmation page's
/// form signs out, so a link or a form on another site cannot.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed partial class LogoutTests(PlatformInfrastructure infrastructure)
{
    private const string Logout = $"{IdentityApp.Realm}/protocol/openid-connect/logout";
    private const string RedirectUri = "http://127.0.0.1:8080/callback";
    private const string AfterLogout = "http://127.0.0.1:8080/signed-out";

    [Fact]
    public async Task Confirming_the_sign_out_revokes_the_portals_refresh_token_and_the_next_sign_in_asks_for_the_password()
    {
        await using var app = await IdentityApp.StartAsync(infrastructure);
        using var browser = Browser(app);
        var refreshToken = await SignInAsync(browser, "xinzhou.duty");

        using var confirmation = await browser.GetAsync(
            $"{Logout}?client_id=fenghuo-portal&post_logout_redirect_uri={Uri.EscapeDataString(AfterLogout)}&state=bye");
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        // Opening the page signs nobody out.
        refreshToken = await IdentityApp.RefreshTokenOfAsync(await IdentityApp.RefreshAsync(browser, refreshToken, "fenghuo-portal"));

        using var signedOut = await browser.PostAsync(Logout, new FormUrlEncodedContent(HiddenFields(await confirmation.Content.ReadAsStringAsync())));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith(AfterLogout, signedOut.Headers.Location!.ToString());
        Assert.Equal("bye", QueryHelpers.ParseQuery(signedOut.Headers.Location.Query)["state"]);

        using var refused = await IdentityApp.RefreshAsync(browser, refreshToken, "fenghuo-portal");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_grant", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        using var again = await browser.GetAsync(AuthorizeUrl(Pkce.Challenge(Pkce.NewVerifier())));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("name=\"password\"", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_newcomer_who_replaced_the_one_time_password_is_asked_for_the_password_again_after_signing_out()
    {
        await using var app = await IdentityApp.StartAsync(infrastructure);
        const string OneTimePassword = "Once#Only-2026x";
        await app.Get<TenantDatabase>().InTransactionAsync(TenantScope.None, async session =>
        {
            var user = await app.Get<UserStore>().FindByUsernameAsync(session, "yangcheng.analyst");
            await app.Get<PasswordChange>().ApplyAsync(session, user!, OneTimePassword, temporary: true);
        }, default);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        using var browser = Browser(app);

        var verifier = Pkce.NewVerifier();
        using var page = await browser.GetAsync(AuthorizeUrl(Pkce.Challenge(verifier)));
        var html = await page.Content.ReadAsStringAsync();
        var form = HiddenFields(html);
        form["username"] = "yangcheng.analyst";
        form["password"] = OneTimePassword;
        using var login = await browser.PostAsync(WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value), new FormUrlEncodedContent(form));
        var changeHtml = await login.Content.ReadAsStringAsync();
        Assert.Contains("name=\"password-new\"", changeHtml);
        var change = HiddenFields(changeHtml);
        change["password-new"] = "Yangcheng@mine2026";
        change["password-confirm"] = "Yangcheng@mine2026";
        using var changed = await browser.PostAsync(WebUtility.HtmlDecode(FormAction().Match(changeHtml).Groups[1].Value), new FormUrlEncodedContent(change));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        using var authorized = await browser.GetAsync(changed.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        Assert.StartsWith(RedirectUri, authorized.Headers.Location!.ToString());

        await SignOutAsync(browser);

        using var again = await browser.GetAsync(AuthorizeUrl(Pkce.Challenge(Pkce.NewVerifier())));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("name=\"password\"", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_sign_out_posted_without_the_confirmation_pages_guard_leaves_the_user_signed_in()
    {
        await using var app = await IdentityApp.StartAsync(infrastructure);
        using var browser = Browser(app);
        var refreshToken = await SignInAsync(browser, "xinzhou.analyst");

        using var forged = await browser.PostAsync(Logout, new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = "fenghuo-portal" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var asGet = await browser.GetAsync(Logout);
        Assert.Equal(HttpStatusCode.OK, asGet.StatusCode);

        using var refreshed = await IdentityApp.RefreshAsync(browser, refreshToken, "fenghuo-portal");
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        using var singleSignOn = await browser.GetAsync(AuthorizeUrl(Pkce.Challenge(Pkce.NewVerifier())));
        Assert.Equal(HttpStatusCode.Redirect, singleSignOn.StatusCode);
        Assert.StartsWith(RedirectUri, singleSignOn.Headers.Location!.ToString());
    }

    /// <summary>The portal's sign-out: the realm's confirmation page, then its form.</summary>
    private static async Task SignOutAsync(HttpClient browser)
    {
        using var confirmation = await browser.GetAsync(
            $"{Logout}?client_id=fenghuo-portal&post_logout_redirect_uri={Uri.EscapeDataString(AfterLogout)}&state=bye");
        using var signedOut = await browser.PostAsync(Logout, new FormUrlEncodedContent(HiddenFields(await confirmation.Content.ReadAsStringAsync())));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith(AfterLogout, signedOut.Headers.Location!.ToString());
    }

    /// <summary>A browser: it keeps cookies, and the test follows each redirect itself.</summary>
    private static HttpClient Browser(IdentityApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The portal's sign-in: authorization code with PKCE through the login page; returns the refresh token.</summary>
    private static async Task<string> SignInAsync(HttpClient browser, string username)
    {
        var verifier = Pkce.NewVerifier();
        using var page = await browser.GetAsync(AuthorizeUrl(Pkce.Challenge(verifier)));
        var html = await page.Content.ReadAsStringAsync();
        var form = HiddenFields(html);
        form["username"] = username;
        form["password"] = IdentityApp.DemoPassword;
        using var login = await browser.PostAsync(WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value), new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using var authorized = await browser.GetAsync(login.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        var code = QueryHelpers.ParseQuery(authorized.Headers.Location!.Query)["code"].ToString();

        return await IdentityApp.RefreshTokenOfAsync(await browser.PostAsync(IdentityApp.TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = "fenghuo-portal", ["code"] = code,
            ["redirect_uri"] = RedirectUri, ["code_verifier"] = verifier,
        })));
    }

    private static string AuthorizeUrl(string challenge) =>
        $"{IdentityApp.Realm}/protocol/openid-connect/auth?client_id=fenghuo-portal&response_type=code&scope=openid" +
        $"&redirect_uri={Uri.EscapeDataString(RedirectUri)}&code_challenge={challenge}&code_challenge_method=S256&state=s";

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)">""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("""<form method="post" action="([^"]+)">""")]
    private static partial Regex FormAction();

    private static class Pkce
    {
        public static string NewVerifier() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

        public static string Challenge(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
    }
}
