using System.Text.Json;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Oidc;
using Fenghuo.Identity.Realm;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;

namespace Fenghuo.Identity.Tests;

/// <summary>Claims as Keycloak's default scopes and the realm file's mappers shape them.</summary>
public sealed class TokenShapeTests
{
    private static readonly RealmRepresentation Realm = RealmDefinition.ReadEmbedded();

    private static RealmClient Client(string clientId)
    {
        var c = Realm.Clients.Single(c => c.ClientId == clientId);
        return new RealmClient(c.ClientId!, c.Name!, true, false, c.PublicClient!.Value, null, c.StandardFlowEnabled!.Value,
            c.DirectAccessGrantsEnabled!.Value, c.ServiceAccountsEnabled!.Value, c.RedirectUris, c.Attributes, c.ProtocolMappers);
    }

    private static RealmUser User(string username) =>
        UserMapping.NewUser(Realm.Users.Single(u => u.Username == username), Guid.Parse("7c8216c6-2a99-40d0-8fe3-7ca364eff1f8"),
            DateTimeOffset.UnixEpoch, Realm.Users.Single(u => u.Username == username).RealmRoles!);

    private static ShapedClaim Claim(TokenShape shape, string type) => Assert.Single(shape.Claims, c => c.Type == type);

    [Fact]
    public void A_duty_officers_access_token_carries_what_the_services_read()
    {
        var shape = TokenShaper.Shape(User("yangcheng.duty"), Client("fenghuo-cli"), TokenScopes.Grant([]));

        Assert.Equal("7c8216c6-2a99-40d0-8fe3-7ca364eff1f8", Claim(shape, "sub").Value.GetValue<string>());
        Assert.Equal("yangcheng.duty", Claim(shape, "preferred_username").Value.GetValue<string>());
        Assert.Equal("fenghuo-cli", Claim(shape, "azp").Value.GetValue<string>());
        Assert.Equal("Bearer", Claim(shape, "typ").Value.GetValue<string>());
        Assert.Equal("yangcheng", Claim(shape, "tenant").Value.GetValue<string>());
        Assert.Equal("""{"roles":["duty-officer","reporter"]}""", Claim(shape, "realm_access").Value.ToJsonString());
        Assert.Equal("阳城县 值班员", Claim(shape, "name").Value.GetValue<string>());
        Assert.Equal("yangcheng.duty@fenghuo.example", Claim(shape, "email").Value.GetValue<string>());
        Assert.Equal(["fenghuo-api"], shape.Audiences);
        Assert.Equal(["profile", "email"], shape.Scopes);
        Assert.All(shape.Claims, c => Assert.True(c.InAccessToken));
    }

    [Fact]
    public void The_id_token_and_userinfo_get_identity_claims_but_not_roles()
    {
        var shape = TokenShaper.Shape(User("yangcheng.duty"), Client("fenghuo-portal"), TokenScopes.Grant(["openid"]));

        Assert.Equal(["openid", "profile", "email"], shape.Scopes);
        Assert.False(Claim(shape, "realm_access").InIdToken);
        Assert.False(Claim(shape, "realm_access").InUserInfo);
        Assert.True(Claim(shape, "tenant").InIdToken);
        Assert.True(Claim(shape, "preferred_username").InUserInfo);
        var userInfo = TokenPrincipal.UserInfo(shape);
        Assert.Equal("yangcheng", userInfo["tenant"]!.GetValue<string>());
        Assert.False(userInfo.ContainsKey("realm_access"));
    }

    [Fact]
    public void The_platform_admin_has_no_tenant_claim()
    {
        var shape = TokenShaper.Shape(User("admin"), Client("fenghuo-cli"), TokenScopes.Grant([]));
        Assert.DoesNotContain(shape.Claims, c => c.Type == "tenant");
        Assert.Equal("""{"roles":["platform-admin"]}""", Claim(shape, "realm_access").Value.ToJsonString());
    }

    [Fact]
    public void The_province_service_account_carries_its_tenant()
    {
        var shape = TokenShaper.Shape(User("service-account-fenghuo-province"), Client("fenghuo-province"), TokenScopes.Grant([]));
        Assert.Equal("shanxi", Claim(shape, "tenant").Value.GetValue<string>());
        Assert.Equal("service-account-fenghuo-province", Claim(shape, "preferred_username").Value.GetValue<string>());
        Assert.DoesNotContain(shape.Claims, c => c.Type == "email");
    }

    [Fact]
    public void The_principal_gives_openiddict_a_json_realm_access_and_the_right_destinations()
    {
        var principal = TokenPrincipal.Create(TokenShaper.Shape(User("yangcheng.duty"), Client("fenghuo-cli"), TokenScopes.Grant(["openid"])));

        var realmAccess = principal.FindFirst("realm_access")!;
        Assert.Equal(JsonClaimValueTypes.Json, realmAccess.ValueType);
        Assert.Equal(["duty-officer", "reporter"], JsonDocument.Parse(realmAccess.Value).RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([OpenIddictConstants.Destinations.AccessToken], realmAccess.GetDestinations().ToArray());
        Assert.Equal(
            [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
            principal.FindFirst("tenant")!.GetDestinations().ToArray());
        Assert.Equal("true", principal.FindFirst("email_verified")!.Value);
        Assert.Equal(["fenghuo-api"], principal.GetAudiences().ToArray());
        Assert.Equal(["openid", "profile", "email"], principal.GetScopes().ToArray());
    }
}
