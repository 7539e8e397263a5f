using System.Net;
using System.Text;
using System.Text.Json;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>The realm as a Keycloak client sees it, through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IdentityTests(PlatformFixture fixture)
{
    private GatewayClient Gateway => fixture.Gateway;

    [Fact]
    public async Task Discovery_advertises_the_realm_at_the_gateway_with_keycloak_paths()
    {
        using var response = await Gateway.Anonymous.GetAsync("realms/fenghuo/.well-known/openid-configuration");
        var discovery = await response.JsonAsync();
        var issuer = new Uri(Gateway.BaseAddress, "realms/fenghuo").ToString();

        Assert.Equal(issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal($"{issuer}/protocol/openid-connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{issuer}/protocol/openid-connect/certs", discovery.GetProperty("jwks_uri").GetString());
        Assert.Equal($"{issuer}/protocol/openid-connect/auth", discovery.GetProperty("authorization_endpoint").GetString());
    }

    [Fact]
    public async Task A_county_users_token_carries_its_tenant_and_realm_roles_as_keycloak_shapes_them()
    {
        var claims = Claims(await Gateway.TokenForAsync("yangcheng.duty"));

        Assert.Equal(new Uri(Gateway.BaseAddress, "realms/fenghuo").ToString(), claims.GetProperty("iss").GetString());
        Assert.Equal("yangcheng.duty", claims.GetProperty("preferred_username").GetString());
        Assert.Equal("yangcheng", claims.GetProperty("tenant").GetString());
        Assert.Equal("fenghuo-cli", claims.GetProperty("azp").GetString());
        Assert.Contains("fenghuo-api", Audiences(claims));
        var roles = claims.GetProperty("realm_access").GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("duty-officer", roles);
        Assert.DoesNotContain("commander", roles);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_without_saying_so()
    {
        var username = "xinzhou.analyst";
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await Gateway.RequestTokenAsync(username, "not-the-password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("invalid_grant", (await wrong.JsonAsync()).GetProperty("error").GetString());
        }
        using var locked = await Gateway.RequestTokenAsync(username, RunningPlatform.DemoPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("Invalid user credentials", (await locked.JsonAsync()).GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task A_province_system_pulls_with_client_credentials_and_only_public_clients_may_use_the_password_grant()
    {
        using var machine = await Gateway.Anonymous.PostAsync(GatewayClient.TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "fenghuo-province",
            ["client_secret"] = "dev-only-fenghuo-province-secret",
        }));
        Assert.Equal(HttpStatusCode.OK, machine.StatusCode);
        var claims = Claims((await machine.JsonAsync()).GetProperty("access_token").GetString()!);
        Assert.Equal("shanxi", claims.GetProperty("tenant").GetString());

        using var portal = await Gateway.Anonymous.PostAsync(GatewayClient.TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "fenghuo-portal",
            ["username"] = "yangcheng.duty",
            ["password"] = RunningPlatform.DemoPassword,
        }));
        Assert.False(portal.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Only_a_platform_administrator_may_use_the_admin_api()
    {
        using var county = await Gateway.GetAsync("admin/realms/fenghuo/users?q=tenant:yangcheng", "yangcheng.commander");
        Assert.Equal(HttpStatusCode.Forbidden, county.StatusCode);

        using var admin = await Gateway.GetAsync("admin/realms/fenghuo/users?q=tenant:yangcheng", "admin");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        var usernames = (await admin.JsonAsync()).Strings("username");
        Assert.Contains("yangcheng.duty", usernames);
        Assert.All(usernames, u => Assert.StartsWith("yangcheng.", u));
    }

    private static JsonElement Claims(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement;
    }

    private static IEnumerable<string> Audiences(JsonElement claims) =>
        claims.GetProperty("aud").ValueKind == JsonValueKind.Array
            ? claims.GetProperty("aud").EnumerateArray().Select(a => a.GetString()!)
            : [claims.GetProperty("aud").GetString()!];
}
