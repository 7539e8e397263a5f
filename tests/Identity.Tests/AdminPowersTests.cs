using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Testing;

namespace Fenghuo.Identity.Tests;

/// <summary>
/// The onboarding account creates users only of the jurisdiction being onboarded; a platform
/// administrator cannot make itself or anyone a jurisdiction user without a second administrator.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class AdminPowersTests(PlatformInfrastructure infrastructure)
{
    private const string Admin = "admin/realms/fenghuo";
    private const string JurisdictionsSecret = "dev-only-fenghuo-jurisdictions-secret";
    private const string NotificationsSecret = "dev-only-fenghuo-notifications-secret";

    [Fact]
    public async Task The_directory_account_reads_a_tenants_users_and_their_roles_and_changes_nothing()
    {
        await using var app = await IdentityApp.StartAsync(infrastructure);
        var directory = await app.AsClientAsync("fenghuo-notifications", NotificationsSecret);
        Assert.DoesNotContain("platform-admin", Roles(directory));

        using var listing = await directory.GetAsync($"{Admin}/users?q=tenant:jincheng");
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        var users = await listing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("username").GetString() == "jincheng.duty");
        var duty = await UserIdAsync(app, "jincheng.duty");
        using var roles = await directory.GetAsync($"{Admin}/users/{duty}/role-mappings/realm");
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        Assert.Contains((await roles.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(), r => r.GetProperty("name").GetString() == "duty-officer");

        using var created = await directory.PostAsJsonAsync($"{Admin}/users", NewUser("jincheng.spy", "jincheng"));
        using var granted = await directory.PostAsJsonAsync($"{Admin}/users/{duty}/role-mappings/realm", new[] { new { name = "commander" } });
        using var reset = await directory.PutAsJsonAsync($"{Admin}/users/{duty}/reset-password", new { type = "password", value = "Taken#Over-2026", temporary = false });
        using var disabled = await directory.PutAsJsonAsync($"{Admin}/users/{duty}", new { enabled = false });
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Forbidden, 4), new[] { created.StatusCode, granted.StatusCode, reset.StatusCode, disabled.StatusCode });
        using var stillDuty = await IdentityApp.PasswordGrantAsync(app.From("10.0.0.9"), "jincheng.duty", IdentityApp.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, stillDuty.StatusCode);
        Assert.Null(await UserIdOrNullAsync(app, "jincheng.spy"));
    }

    [Fact]
    public async Task The_onboarding_account_sets_up_users_of_a_new_jurisdiction_and_nothing_else()
    {
        await using var app = await IdentityApp.StartAsync(infrastructure);
        var onboarding = await app.AsClientAsync("fenghuo-jurisdictions", JurisdictionsSecret);
        var code = $"new{Guid.NewGuid():N}"[..12];

        Assert.DoesNotContain("platform-admin", Roles(onboarding));
        using var created = await onboarding.PostAsJsonAsync($"{Admin}/users", NewUser($"{code}.duty", code));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = created.Headers.Location!.Segments.Last();
        using var granted = await onboarding.PostAsJsonAsync($"{Admin}/users/{id}/role-mappings/realm", new[] { new { name = "duty-officer" } });
        Assert.Equal(HttpStatusCode.NoContent, granted.StatusCode);
        using var exact = await onboarding.GetAsync($"{Admin}/users?username={code}.duty&exact=true");
        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);

        using var adminRole = await onboarding.PostAsJsonAsync($"{Admin}/users/{id}/role-mappings/realm", new[] { new { name = "platform-admin" } });
        Assert.Equal(HttpStatusCode.Forbidden, adminRole.StatusCode);
        using var inYangcheng = await onboarding.PostAsJsonAsync($"{Admin}/users", NewUser($"{code}.spy", "yangcheng"));
        Assert.Equal(HttpStatusCode.Forbidden, inYangcheng.StatusCode);
        var yangchengDuty = await UserIdAsync(app, "yangcheng.duty");
        using var reset = await onboarding.PutAsJsonAsync($"{Admin}/users/{yangchengDuty}/reset-password", new { type = "password", value = "Taken#Over-2026", temporary = false });
        Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        using var moved = await onboarding.PutAsJsonAsync($"{Admin}/users/{id}", new { attributes = new { tenant = new[] { "yangcheng" } } });
        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
        using var listing = await onboarding.GetAsync($"{Admin}/users?q=tenant:yangcheng");
        Assert.Equal(HttpStatusCode.Forbidden, listing.StatusCode);
        using var unlock = await onboarding.DeleteAsync($"{Admin}/attack-detection/brute-force/users/{yangchengDuty}");
        Assert.Equal(HttpStatusCode.Forbidden, unlock.StatusCode);
        using var stillDuty = await IdentityApp.PasswordGrantAsync(app.From("10.0.0.9"), "yangcheng.duty", IdentityApp.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, stillDuty.StatusCode);

        await app.KnowAsync(code, $"shanxi.jincheng.{code}");
        using var afterOnboarding = await onboarding.PutAsJsonAsync($"{Admin}/users/{id}/reset-password", new { type = "password", value = "Later#Change-2026", temporary = false });
        Assert.Equal(HttpStatusCode.Forbidden, afterOnboarding.StatusCode);
    }

    [Fact]
    public async Task Creating_a_user_outside_the_callers_reach_is_refused_before_the_body_is_judged_and_creates_nobody()
    {
        await using var app = await IdentityApp.StartAsync(infrastructure);
        var onboarding = await app.AsClientAsync("fenghuo-jurisdictions", JurisdictionsSecret);
        var admin = await app.AsAsync("admin");
        var username = $"yc{Guid.NewGuid():N}"[..12];
        // A body that also breaks the rules: a weak password and a service-account link.
        object Invalid() => new
        {
            username, enabled = true, serviceAccountClientId = "fenghuo-portal",
            attributes = new Dictionary<string, string[]> { ["tenant"] = ["yangcheng"] },
            credentials = new[] { new { type = "password", value = "1", temporary = false } },
        };

        using var byOnboarding = await onboarding.PostAsJsonAsync($"{Admin}/users", Invalid());
        using var byAdmin = await admin.PostAsJsonAsync($"{Admin}/users", Invalid());

        Assert.Equal(HttpStatusCode.Forbidden, byOnboarding.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);
        Assert.Null(await UserIdOrNullAsync(app, username));
    }

    [Fact]
    public async Task A_platform_admin_becomes_a_jurisdiction_user_only_when_a_second_admin_approves_and_both_are_recorded()
    {
        await using var app = await IdentityApp.StartAsync(infrastructure);
        var admin = await app.AsAsync("admin");
        var adminId = await UserIdAsync(app, "admin");

        // The realm's second administrator: appointed by the first alone, since nobody else could approve yet.
        var second = await EnsureSecondAdminAsync(app, admin);

        using var roles = await admin.PostAsJsonAsync($"{Admin}/users/{adminId}/role-mappings/realm", new[] { new { name = "commander" } });
        Assert.Equal(HttpStatusCode.Accepted, roles.StatusCode);
        var rolesApproval = (await roles.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var tenant = await admin.PutAsJsonAsync($"{Admin}/users/{adminId}", new { attributes = new { tenant = new[] { "yangcheng" } } });
        Assert.Equal(HttpStatusCode.Accepted, tenant.StatusCode);
        var yangchengDuty = await UserIdAsync(app, "yangcheng.duty");
        using var reset = await admin.PutAsJsonAsync($"{Admin}/users/{yangchengDuty}/reset-password", new { type = "password", value = "Taken#Over-2026", temporary = false });
        Assert.Equal(HttpStatusCode.Accepted, reset.StatusCode);

        var adminNow = await (await admin.GetAsync($"{Admin}/users/{adminId}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(adminNow.TryGetProperty("attributes", out var attributes) && attributes.TryGetProperty("tenant", out _));
        Assert.DoesNotContain("commander", Roles(await app.AsAsync("admin")));
        using var oldPassword = await IdentityApp.PasswordGrantAsync(app.From("10.0.0.9"), "yangcheng.duty", IdentityApp.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);

        using var ownApproval = await admin.PostAsync($"{Admin}/approvals/{rolesApproval}", null);
        Assert.Equal(HttpStatusCode.Forbidden, ownApproval.StatusCode);
        Assert.DoesNotContain("commander", Roles(await app.AsAsync("admin")));

        using var approved = await second.PostAsync($"{Admin}/approvals/{rolesApproval}", null);
        Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        Assert.Contains("commander", Roles(await app.AsAsync("admin")));
        using var twice = await second.PostAsync($"{Admin}/approvals/{rolesApproval}", null);
        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);

        var recorded = await app.Get<TenantDatabase>().InTransactionAsync(new TenantScope(string.Empty, string.Empty, PlatformAdmin: true), session => session.Connection.QueryAsync<string>(
            "select actor || ' ' || action from audit_event where details->>'approval' = @Id order by id", new { Id = rolesApproval }, session.Transaction), default);
        Assert.Equal(["admin identity.approval.request", "second.admin identity.approval.approve"], recorded);
    }

    private static async Task<HttpClient> EnsureSecondAdminAsync(IdentityApp app, HttpClient admin)
    {
        using var created = await admin.PostAsJsonAsync($"{Admin}/users", new
        {
            username = "second.admin", enabled = true, firstName = "二号", lastName = "管理员",
            credentials = new[] { new { type = "password", value = IdentityApp.DemoPassword, temporary = false } },
        });
        if (created.StatusCode == HttpStatusCode.Created)
        {
            using var appointed = await admin.PostAsJsonAsync($"{created.Headers.Location}/role-mappings/realm", new[] { new { name = "platform-admin" } });
            Assert.Equal(HttpStatusCode.NoContent, appointed.StatusCode);
        }
        return await app.AsAsync("second.admin");
    }

    private static object NewUser(string username, string tenant) =>
        new { username, enabled = true, attributes = new Dictionary<string, string[]> { ["tenant"] = [tenant] } };

    private static async Task<string> UserIdAsync(IdentityApp app, string username) => (await UserIdOrNullAsync(app, username))!;

    private static async Task<string?> UserIdOrNullAsync(IdentityApp app, string username) =>
        (await app.Get<TenantDatabase>().InTransactionAsync(TenantScope.None,
            session => app.Get<Data.UserStore>().FindByUsernameAsync(session, username), default))?.Id.ToString();

    private static IEnumerable<string> Roles(HttpClient client)
    {
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement;
        return claims.TryGetProperty("realm_access", out var access)
            ? access.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToList()
            : [];
    }
}
