using Fenghuo.Identity.Domain;

namespace Fenghuo.Identity.Tests;

public sealed class ClientRulesTests
{
    private static RealmClient Client(bool isPublic = true, bool standard = false, bool direct = false, bool serviceAccounts = false, string? secret = null) =>
        new("c", "c", true, false, isPublic, secret is null ? null : ClientSecret.Hash(secret), standard, direct, serviceAccounts,
            ["http://127.0.0.1:8080/*", "https://portal.example/callback"],
            new Dictionary<string, string> { [RealmClient.PostLogoutRedirectUrisAttribute] = "+" }, []);

    [Fact]
    public void The_password_grant_needs_direct_access_grants()
    {
        Assert.Null(GrantRules.Refusal(Client(direct: true), GrantRules.Password));
        Assert.Equal(KeycloakErrors.DirectAccessNotAllowed, GrantRules.Refusal(Client(standard: true), GrantRules.Password));
    }

    [Fact]
    public void Client_credentials_need_a_confidential_client_with_a_service_account()
    {
        Assert.Null(GrantRules.Refusal(Client(isPublic: false, serviceAccounts: true, secret: "s"), GrantRules.ClientCredentials));
        Assert.Equal(KeycloakErrors.PublicClientServiceAccount, GrantRules.Refusal(Client(), GrantRules.ClientCredentials));
        Assert.Equal(KeycloakErrors.ServiceAccountNotEnabled, GrantRules.Refusal(Client(isPublic: false, secret: "s"), GrantRules.ClientCredentials));
    }

    [Fact]
    public void Code_exchange_needs_the_standard_flow_and_refresh_is_always_allowed()
    {
        Assert.Null(GrantRules.Refusal(Client(standard: true), GrantRules.AuthorizationCode));
        Assert.Equal(KeycloakErrors.CodeExchangeNotAllowed, GrantRules.Refusal(Client(direct: true), GrantRules.AuthorizationCode));
        Assert.Null(GrantRules.Refusal(Client(), GrantRules.RefreshToken));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/callback", true)]
    [InlineData("http://127.0.0.1:8080/", true)]
    [InlineData("https://portal.example/callback", true)]
    [InlineData("https://portal.example/callback/more", false)]
    [InlineData("http://127.0.0.1:8081/callback", false)]
    [InlineData("http://127.0.0.1:8080/callback#fragment", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(null, false)]
    public void Redirect_uris_match_exactly_or_by_trailing_wildcard(string? uri, bool allowed)
    {
        Assert.Equal(allowed, Client(standard: true).AllowsRedirect(uri));
    }

    [Fact]
    public void Post_logout_plus_means_the_redirect_uris()
    {
        Assert.True(Client().AllowsPostLogoutRedirect("http://127.0.0.1:8080/bye"));
        Assert.False(Client().AllowsPostLogoutRedirect("https://evil.example/"));
    }

    [Fact]
    public void Secrets_are_compared_by_hash()
    {
        var client = Client(isPublic: false, secret: "dev-only-secret");
        Assert.True(client.SecretMatches("dev-only-secret"));
        Assert.False(client.SecretMatches("dev-only-secreT"));
        Assert.False(client.SecretMatches(null));
        Assert.False(Client().SecretMatches("anything"));
    }
}
