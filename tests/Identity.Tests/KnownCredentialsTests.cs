using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Login;
using Fenghuo.Identity.Realm;
using Fenghuo.Testing;

namespace Fenghuo.Identity.Tests;

/// <summary>
/// The published demo password and dev-only client secrets work on a developer's machine and
/// nowhere else; a user seeded once and deleted stays deleted.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class KnownCredentialsTests(PlatformInfrastructure infrastructure)
{
    private const string StrongJurisdictionsSecret = "3b8f0f7c2d1e4a5b9c6d7e8f9a0b1c2d3e4f5a6b";
    private const string StrongProvinceSecret = "9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d";
    private const string StrongNotificationsSecret = "5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f";

    [Fact]
    public async Task A_production_start_with_the_published_defaults_refuses_and_names_each_setting()
    {
        await using var app = IdentityApp.Unreachable("Production", new Dictionary<string, string>
        {
            ["Fenghuo:ClientSecrets:fenghuo-province"] = "dev-only-fenghuo-province-secret",
            ["Fenghuo:AdminPassword"] = KnownCredentials.DevelopmentDemoPassword,
        });

        var refusal = Assert.Throws<InvalidOperationException>(app.StartServer);
        var output = refusal.Message;

        Assert.Contains("refuses to start in the Production environment", output);
        Assert.Contains("Fenghuo__ClientSecrets__fenghuo-jurisdictions is not set", output);
        Assert.Contains("Fenghuo__ClientSecrets__fenghuo-province is the published development default", output);
        Assert.Contains("Fenghuo__AdminPassword is the published demo password", output);
        Assert.Contains("Fenghuo__SigningKeys__Directory is not set", output);
    }

    [Fact]
    public void Outside_development_every_confidential_client_needs_a_long_secret_of_its_own()
    {
        var realm = RealmDefinition.ReadEmbedded();
        var options = new RealmSeedOptions
        {
            ClientSecrets =
            {
                ["fenghuo-jurisdictions"] = "short-but-mine", ["fenghuo-province"] = StrongProvinceSecret,
                ["fenghuo-notifications"] = StrongNotificationsSecret,
            },
        };
        Assert.Equal(["Fenghuo__ClientSecrets__fenghuo-jurisdictions is shorter than 32 characters"], KnownCredentials.ProblemsOutsideDevelopment(realm, options, "/run/secrets/fenghuo-signing"));

        options.ClientSecrets["fenghuo-jurisdictions"] = StrongJurisdictionsSecret;
        Assert.Empty(KnownCredentials.ProblemsOutsideDevelopment(realm, options, "/run/secrets/fenghuo-signing"));
    }

    [Fact]
    public async Task In_production_no_demo_user_is_seeded_the_file_secrets_open_nothing_and_only_the_bootstrap_admin_can_sign_in()
    {
        var database = await infrastructure.ProvisionAsync("identityprod");
        const string adminPassword = "Bootstrap#Admin-2026";
        await using var host = await IdentityApp.StartAsync(infrastructure, new Dictionary<string, string>
        {
            ["Fenghuo:ClientSecrets:fenghuo-jurisdictions"] = StrongJurisdictionsSecret,
            ["Fenghuo:ClientSecrets:fenghuo-province"] = StrongProvinceSecret,
            ["Fenghuo:ClientSecrets:fenghuo-notifications"] = StrongNotificationsSecret,
            ["Fenghuo:AdminPassword"] = adminPassword,
            ["Fenghuo:SigningKeys:Directory"] = SigningKeyTests.DirectoryWith("2026-01.pem"),
        }, "Production", database);
        var login = host.Get<PasswordLogin>();

        Assert.Equal(LoginOutcome.InvalidCredentials, (await login.AttemptAsync("yangcheng.duty", KnownCredentials.DevelopmentDemoPassword, "fenghuo-cli", "10.0.0.1", default)).Outcome);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await login.AttemptAsync("admin", KnownCredentials.DevelopmentDemoPassword, "fenghuo-cli", "10.0.0.1", default)).Outcome);
        Assert.Equal(LoginOutcome.Success, (await login.AttemptAsync("admin", adminPassword, "fenghuo-cli", "10.0.0.1", default)).Outcome);

        var jurisdictions = await host.Get<ClientStore>().FindEnabledAsync("fenghuo-jurisdictions", default);
        Assert.False(jurisdictions!.SecretMatches("dev-only-fenghuo-jurisdictions-secret"));
        Assert.True(jurisdictions.SecretMatches(StrongJurisdictionsSecret));
    }

    [Fact]
    public async Task A_deleted_demo_user_does_not_come_back_at_the_next_start()
    {
        var database = await infrastructure.ProvisionAsync("identity");
        await using (var first = await IdentityApp.StartAsync(infrastructure, database: database))
        {
            await first.Get<TenantDatabase>().InTransactionAsync(TenantScope.None, async session =>
            {
                var users = first.Get<UserStore>();
                var user = await users.FindByUsernameAsync(session, "xinzhou_edz.reviewer");
                if (user is not null)
                {
                    await users.DeleteAsync(session, user.Id);
                }
            }, default);
        }

        await using var second = await IdentityApp.StartAsync(infrastructure, database: database);
        var after = await second.Get<TenantDatabase>().InTransactionAsync(TenantScope.None,
            session => second.Get<UserStore>().FindByUsernameAsync(session, "xinzhou_edz.reviewer"), default);
        Assert.Null(after);
        var kept = await second.Get<TenantDatabase>().InTransactionAsync(TenantScope.None,
            session => second.Get<UserStore>().FindByUsernameAsync(session, "xinzhou_edz.duty"), default);
        Assert.NotNull(kept);
    }
}
