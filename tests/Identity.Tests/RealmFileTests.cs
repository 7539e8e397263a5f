using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Realm;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Identity.Tests;

/// <summary>The realm file as the seeder reads it (the copy embedded in the service).</summary>
public sealed class RealmFileTests
{
    private static readonly RealmRepresentation Realm = RealmDefinition.ReadEmbedded();

    private static readonly string[] Tenants = ["shanxi", "jincheng", "yangcheng", "chengqu", "jincheng_energy", "xinzhou", "xinzhou_edz"];

    private static IEnumerable<UserRepresentation> PeopleWithTenants =>
        Realm.Users.Where(u => u.Username != "admin" && u.ServiceAccountClientId is null);

    [Fact]
    public void The_file_passes_the_start_up_validation()
    {
        Assert.Empty(RealmValidator.Validate(Realm, "fenghuo"));
    }

    [Fact]
    public void Every_role_the_services_check_is_a_realm_role_described_in_chinese_and_english()
    {
        var roles = Realm.Roles!.Realm.ToDictionary(r => r.Name!, r => r.Description!);
        Assert.Equal(Roles.All.Concat([PlatformRoles.RealmOnboarding, PlatformRoles.RealmDirectory]).OrderBy(r => r), roles.Keys.OrderBy(r => r));
        Assert.All(roles.Values, d =>
        {
            Assert.Contains(d, c => c >= '\u4e00' && c <= '\u9fff');
            Assert.Matches(@"\([A-Z][a-z]+", d);
        });
    }

    [Fact]
    public void Every_users_roles_exist_as_realm_roles()
    {
        var roles = Realm.Roles!.Realm.Select(r => r.Name).ToHashSet();
        Assert.All(Realm.Users, u => Assert.All(u.RealmRoles ?? [], r => Assert.Contains(r, roles)));
    }

    [Fact]
    public void Every_user_but_admin_and_service_accounts_has_one_tenant_matching_the_username()
    {
        Assert.All(PeopleWithTenants, u =>
        {
            var tenant = Assert.Single(u.Attributes![RealmUser.TenantAttribute]);
            Assert.StartsWith(tenant + ".", u.Username);
        });
        Assert.Null(Realm.Users.Single(u => u.Username == "admin").Attributes);
    }

    [Fact]
    public void The_tenants_are_the_seven_seeded_jurisdictions()
    {
        var tenants = Realm.Users.SelectMany(u => u.Attributes?.GetValueOrDefault(RealmUser.TenantAttribute) ?? []).ToHashSet();
        Assert.Equal(Tenants.OrderBy(t => t), tenants.OrderBy(t => t));
    }

    [Theory]
    [InlineData("jincheng", "commander deputy director duty reporter reviewer analyst")]
    [InlineData("yangcheng", "commander deputy director duty reporter reviewer analyst")]
    [InlineData("chengqu", "commander deputy director duty reporter reviewer analyst")]
    [InlineData("jincheng_energy", "commander deputy director duty reporter reviewer analyst")]
    [InlineData("xinzhou_edz", "commander deputy director duty reporter reviewer analyst")]
    [InlineData("xinzhou", "commander duty analyst")]
    [InlineData("shanxi", "analyst duty")]
    public void Each_tenant_has_its_demo_users(string tenant, string shorts)
    {
        var expected = shorts.Split(' ').Select(s => $"{tenant}.{s}").OrderBy(u => u);
        var actual = PeopleWithTenants.Where(u => u.Attributes![RealmUser.TenantAttribute][0] == tenant).Select(u => u.Username).OrderBy(u => u);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("commander", "commander")]
    [InlineData("deputy", "deputy-commander")]
    [InlineData("director", "office-director")]
    [InlineData("duty", "duty-officer reporter")]
    [InlineData("reporter", "reporter")]
    [InlineData("reviewer", "reviewer")]
    [InlineData("analyst", "analyst")]
    public void Demo_users_get_the_roles_their_name_says(string shortName, string roles)
    {
        Assert.All(PeopleWithTenants.Where(u => u.Username!.EndsWith("." + shortName, StringComparison.Ordinal)),
            u => Assert.Equal(roles.Split(' ').Order(), u.RealmRoles!.Order()));
    }

    [Fact]
    public void Demo_users_have_chinese_names_an_email_and_a_permanent_password()
    {
        Assert.All(Realm.Users.Where(u => u.ServiceAccountClientId is null), u =>
        {
            Assert.True(u.Enabled);
            Assert.False(string.IsNullOrEmpty(u.FirstName));
            Assert.False(string.IsNullOrEmpty(u.LastName));
            Assert.Contains(u.FirstName! + u.LastName, c => c >= '\u4e00' && c <= '\u9fff');
            Assert.EndsWith("@fenghuo.example", u.Email);
            var credential = Assert.Single(u.Credentials!);
            Assert.Equal(("password", "Fenghuo@dev1", false), (credential.Type, credential.Value, credential.Temporary));
        });
        Assert.Equal(["platform-admin"], Realm.Users.Single(u => u.Username == "admin").RealmRoles);
    }

    [Fact]
    public void Only_the_cli_client_allows_the_password_grant()
    {
        var direct = Realm.Clients.Where(c => c.DirectAccessGrantsEnabled == true).Select(c => c.ClientId);
        Assert.Equal(["fenghuo-cli"], direct);
        var cli = Realm.Clients.Single(c => c.ClientId == "fenghuo-cli");
        Assert.True(cli.PublicClient);
        Assert.False(cli.StandardFlowEnabled);
    }

    [Fact]
    public void The_portal_is_a_public_client_with_the_code_flow_and_pkce_s256()
    {
        var portal = Realm.Clients.Single(c => c.ClientId == "fenghuo-portal");
        Assert.True(portal.PublicClient);
        Assert.True(portal.StandardFlowEnabled);
        Assert.Equal("S256", portal.Attributes[RealmClient.PkceMethodAttribute]);
        Assert.Contains("http://127.0.0.1:8080/*", portal.RedirectUris);
    }

    [Fact]
    public void Every_client_that_gets_tokens_maps_the_tenant_attribute_and_the_api_audience()
    {
        Assert.All(Realm.Clients.Where(c => c.BearerOnly != true), client =>
        {
            var tenant = Assert.Single(client.ProtocolMappers, m => m.ProtocolMapper == ProtocolMapperRepresentation.UserAttributeMapper);
            Assert.Equal(("tenant", "tenant", true), (tenant.Setting("user.attribute"), tenant.Setting("claim.name"), tenant.IsOn("access.token.claim")));
            var audience = Assert.Single(client.ProtocolMappers, m => m.ProtocolMapper == ProtocolMapperRepresentation.AudienceMapper);
            Assert.Equal(("fenghuo-api", true), (audience.Setting("included.custom.audience"), audience.IsOn("access.token.claim")));
        });
    }

    [Theory]
    [InlineData("fenghuo-jurisdictions", "realm-onboarding", null)]
    [InlineData("fenghuo-notifications", "realm-directory", null)]
    [InlineData("fenghuo-province", "analyst", "shanxi")]
    public void Service_clients_are_confidential_with_a_service_account(string clientId, string role, string? tenant)
    {
        var client = Realm.Clients.Single(c => c.ClientId == clientId);
        Assert.False(client.PublicClient);
        Assert.True(client.ServiceAccountsEnabled);
        Assert.StartsWith("dev-only-", client.Secret);
        var account = Realm.Users.Single(u => u.ServiceAccountClientId == clientId);
        Assert.Equal($"service-account-{clientId}", account.Username);
        Assert.Equal([role], account.RealmRoles);
        Assert.Equal(tenant, account.Attributes?[RealmUser.TenantAttribute].Single());
    }

    [Fact]
    public void The_realm_sets_keycloak_lockout_and_the_lifetimes_scripts_need()
    {
        var definition = RealmDefinition.Load(Realm, "fenghuo");
        Assert.Equal(new BruteForcePolicy(true, 5, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15), TimeSpan.FromHours(12)), definition.BruteForce);
        Assert.Equal(TimeSpan.FromMinutes(15), definition.Lifetimes.AccessToken);
        Assert.Equal(TimeSpan.FromMinutes(30), definition.Lifetimes.SessionIdle);
        Assert.Empty(definition.PasswordPolicy.Check("Fenghuo@dev1", "yangcheng.duty", null));
    }

    [Fact]
    public void A_realm_that_names_the_wrong_realm_is_refused_at_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RealmDefinition.Load(Realm, "other"));
        Assert.Contains("Keycloak:realm", error.Message);
    }
}
