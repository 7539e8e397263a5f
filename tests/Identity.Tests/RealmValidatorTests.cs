using Fenghuo.Identity.Realm;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Identity.Tests;

public sealed class RealmValidatorTests
{
    private static RealmRepresentation Minimal(List<ClientRepresentation>? clients = null, List<UserRepresentation>? users = null, string? policy = null) => new()
    {
        Realm = "fenghuo",
        Enabled = true,
        AccessTokenLifespan = 900,
        AccessCodeLifespan = 60,
        SsoSessionIdleTimeout = 1800,
        BruteForceProtected = true,
        FailureFactor = 5,
        WaitIncrementSeconds = 900,
        MaxFailureWaitSeconds = 900,
        MaxDeltaTimeSeconds = 43200,
        PasswordPolicy = policy,
        Roles = new RolesRepresentation { Realm = Roles.All.Select(r => new RoleRepresentation { Name = r, Description = r }).ToList() },
        Clients = clients ?? [],
        Users = users ?? [],
    };

    private static ClientRepresentation Client(string id, bool publicClient = true, bool serviceAccounts = false, string? secret = null) => new()
    {
        ClientId = id,
        PublicClient = publicClient,
        StandardFlowEnabled = false,
        DirectAccessGrantsEnabled = false,
        ServiceAccountsEnabled = serviceAccounts,
        Secret = secret,
    };

    [Fact]
    public void A_minimal_realm_is_valid()
    {
        Assert.Empty(RealmValidator.Validate(Minimal(), "fenghuo"));
    }

    [Fact]
    public void A_user_with_an_undefined_role_is_refused()
    {
        var user = new UserRepresentation { Username = "yangcheng.x", RealmRoles = ["god"], Attributes = new() { ["tenant"] = ["yangcheng"] } };
        Assert.Contains(RealmValidator.Validate(Minimal(users: [user]), "fenghuo"), p => p.Contains("'god'"));
    }

    [Fact]
    public void A_user_without_tenant_must_be_a_platform_admin()
    {
        var user = new UserRepresentation { Username = "nobody", RealmRoles = ["reporter"] };
        Assert.Contains(RealmValidator.Validate(Minimal(users: [user]), "fenghuo"), p => p.Contains("no tenant"));
    }

    [Fact]
    public void A_tenant_must_look_like_a_jurisdiction_code()
    {
        var user = new UserRepresentation { Username = "x.duty", RealmRoles = ["reporter"], Attributes = new() { ["tenant"] = ["Yang Cheng"] } };
        Assert.Contains(RealmValidator.Validate(Minimal(users: [user]), "fenghuo"), p => p.Contains("jurisdiction code"));
    }

    [Fact]
    public void A_confidential_client_needs_a_secret_and_a_public_one_no_service_account()
    {
        var problems = RealmValidator.Validate(Minimal(clients: [Client("a", publicClient: false), Client("b", serviceAccounts: true)]), "fenghuo");
        Assert.Contains(problems, p => p.Contains("'a' has no secret"));
        Assert.Contains(problems, p => p.Contains("public client 'b'"));
    }

    [Fact]
    public void A_client_must_state_its_grant_switches()
    {
        var problems = RealmValidator.Validate(Minimal(clients: [new ClientRepresentation { ClientId = "vague", PublicClient = true }]), "fenghuo");
        Assert.Contains(problems, p => p.Contains("'vague' must state"));
    }

    [Fact]
    public void A_service_account_must_belong_to_a_client_with_service_accounts()
    {
        var account = new UserRepresentation { Username = "service-account-a", ServiceAccountClientId = "a", RealmRoles = ["platform-admin"] };
        var problems = RealmValidator.Validate(Minimal(clients: [Client("a")], users: [account]), "fenghuo");
        Assert.Contains(problems, p => p.Contains("serviceAccountsEnabled"));
    }

    [Fact]
    public void An_unsupported_password_policy_is_refused_rather_than_ignored()
    {
        Assert.Contains(RealmValidator.Validate(Minimal(policy: "length(8) and passwordHistory(3)"), "fenghuo"), p => p.Contains("passwordHistory"));
    }

    [Fact]
    public void Unknown_mappers_are_refused()
    {
        var client = Client("a");
        client.ProtocolMappers.Add(new ProtocolMapperRepresentation { Name = "script", ProtocolMapper = "oidc-script-based-protocol-mapper" });
        Assert.Contains(RealmValidator.Validate(Minimal(clients: [client]), "fenghuo"), p => p.Contains("unsupported or incomplete"));
    }
}
