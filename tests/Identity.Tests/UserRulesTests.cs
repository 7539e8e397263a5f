using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Realm;

namespace Fenghuo.Identity.Tests;

/// <summary>The admin API's reading of a UserRepresentation, and who may have tokens.</summary>
public sealed class UserRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static RealmUser Create(UserRepresentation representation) => UserMapping.NewUser(representation, Guid.NewGuid(), Now, []);

    [Fact]
    public void A_new_user_is_disabled_unless_enabled_is_given_as_in_keycloak()
    {
        Assert.False(Create(new UserRepresentation { Username = "yangcheng.new" }).Enabled);
        Assert.True(Create(new UserRepresentation { Username = "yangcheng.new", Enabled = true }).Enabled);
    }

    [Fact]
    public void A_temporary_password_requires_a_change_at_next_login()
    {
        var user = Create(new UserRepresentation
        {
            Username = "Yangcheng.New",
            Credentials = [new CredentialRepresentation { Type = "password", Value = "Temp@pass123", Temporary = true }],
        });
        Assert.Equal("yangcheng.new", user.Username);
        Assert.Equal([RequiredActions.UpdatePassword], user.RequiredActions);
    }

    [Fact]
    public void An_update_leaves_absent_fields_alone()
    {
        var user = Create(new UserRepresentation
        {
            Username = "yangcheng.new", Enabled = true, FirstName = "阳城县", Email = "a@fenghuo.example",
            Attributes = new() { ["tenant"] = ["yangcheng"] },
        });
        var updated = UserMapping.WithChanges(user, new UserRepresentation { Enabled = false });
        Assert.Equal(user with { Enabled = false }, updated);
        var moved = UserMapping.WithChanges(user, new UserRepresentation { Attributes = new() { ["tenant"] = ["chengqu"] } });
        Assert.Equal("chengqu", moved.Tenant);
    }

    [Fact]
    public void Bad_input_is_reported_field_by_field()
    {
        var errors = UserRules.CheckNew(new UserRepresentation
        {
            Username = "x",
            Email = "not-an-email",
            Attributes = new() { ["tenant"] = ["Yang Cheng"] },
            RequiredActions = ["VERIFY_EMAIL"],
            Credentials = [new CredentialRepresentation { Type = "otp", Value = "123456" }],
        });
        Assert.Equal(
            ["attributes.tenant", "credentials", "email", "requiredActions", "username"],
            errors.Select(e => e.Field).Order());
        Assert.All(errors, e => Assert.Contains("(", e.Combined));
    }

    [Fact]
    public void An_overlong_email_is_refused_for_its_length_before_any_pattern_reads_it()
    {
        var email = new string('a', 100_000) + "@" + new string('b', 100_000) + ".cn";
        var errors = UserRules.CheckNew(new UserRepresentation { Username = "yangcheng.new", Email = email });
        var error = Assert.Single(errors, e => e.Field == "email");
        Assert.Equal("too_long", error.Code);
    }

    [Fact]
    public void The_username_cannot_be_changed()
    {
        var user = Create(new UserRepresentation { Username = "yangcheng.new" });
        Assert.Empty(UserRules.CheckChanges(new UserRepresentation { Username = "YANGCHENG.NEW" }, user));
        Assert.Equal("username", Assert.Single(UserRules.CheckChanges(new UserRepresentation { Username = "other" }, user)).Field);
    }

    [Fact]
    public void Standing_refuses_disabled_users_suspended_tenants_and_pending_actions()
    {
        var user = Create(new UserRepresentation { Username = "yangcheng.new", Enabled = true, Attributes = new() { ["tenant"] = ["yangcheng"] } });
        var active = new TenantEntry("yangcheng", "阳城县", "county", "jincheng", "shanxi.jincheng.yangcheng", true, "140522", 1);

        Assert.Equal(AccountStanding.Active, user.StandingIn(active));
        Assert.Equal(AccountStanding.Active, user.StandingIn(null));
        Assert.Equal(AccountStanding.Disabled, user.StandingIn(active with { IsActive = false }));
        Assert.Equal(AccountStanding.Disabled, (user with { Enabled = false }).StandingIn(active));
        Assert.Equal(AccountStanding.NotFullySetUp, (user with { RequiredActions = [RequiredActions.UpdatePassword] }).StandingIn(active));
    }

    [Fact]
    public void Tokens_issued_before_a_password_change_are_revoked()
    {
        var changed = Create(new UserRepresentation { Username = "yangcheng.new" }) with { NotBefore = Now };
        Assert.True(changed.Revoked(Now.AddSeconds(-1)));
        Assert.False(changed.Revoked(Now));
    }
}
