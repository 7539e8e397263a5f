using System.Net;
using Fenghuo.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fenghuo.Identity.Tests;

/// <summary>
/// The portal signs in behind a gateway whose address a deployment decides (the AppHost picks a port
/// at start-up): the realm accepts the redirect URIs configuration adds to the client's, and no others.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PortalRedirectTests(PlatformInfrastructure infrastructure)
{
    private const string Added = "http://127.0.0.1:47123/*";

    [Fact]
    public async Task A_configured_redirect_uri_is_accepted_beside_the_realm_files_and_nothing_else()
    {
        await using var app = await IdentityApp.StartAsync(infrastructure, new Dictionary<string, string>
        {
            ["Fenghuo:ClientRedirectUris:fenghuo-portal:0"] = Added,
        });
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, await LoginPageStatusAsync(browser, "http://127.0.0.1:47123/signin-oidc"));
        Assert.Equal(HttpStatusCode.OK, await LoginPageStatusAsync(browser, "http://127.0.0.1:8080/signin-oidc"));
        Assert.Equal(HttpStatusCode.BadRequest, await LoginPageStatusAsync(browser, "http://127.0.0.1:47124/signin-oidc"));
        Assert.Equal(HttpStatusCode.BadRequest, await LoginPageStatusAsync(browser, "http://127.0.0.1:47123@evil.example/signin-oidc"));
    }

    private static async Task<HttpStatusCode> LoginPageStatusAsync(HttpClient browser, string redirectUri)
    {
        using var page = await browser.GetAsync(
            $"{IdentityApp.Realm}/protocol/openid-connect/auth?client_id=fenghuo-portal&response_type=code&scope=openid" +
            $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s");
        return page.StatusCode;
    }
}
