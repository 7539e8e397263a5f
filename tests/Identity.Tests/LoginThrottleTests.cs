using System.Net;
using Fenghuo.Identity.Login;
using Fenghuo.Testing;

namespace Fenghuo.Identity.Tests;

/// <summary>
/// Guessing a password is slowed down where it comes from, with waits that grow, and never locks the
/// real user out from elsewhere; every failure answers the same.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class LoginThrottleTests(PlatformInfrastructure infrastructure)
{
    private const string Attacker = "203.0.113.7";

    [Fact]
    public async Task Guessing_from_one_address_does_not_lock_the_user_out_from_another()
    {
        await using var app = await IdentityApp.StartAsync(infrastructure);
        var attacker = app.From(Attacker);
        for (var i = 0; i < 12; i++)
        {
            using var wrong = await IdentityApp.PasswordGrantAsync(attacker, "chengqu.analyst", $"Guess#{i}-wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var heldThere = await IdentityApp.PasswordGrantAsync(attacker, "chengqu.analyst", IdentityApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, heldThere.StatusCode);

        using var owner = await IdentityApp.PasswordGrantAsync(app.From("198.51.100.20"), "chengqu.analyst", IdentityApp.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Fact]
    public async Task The_wait_grows_with_the_failures_and_then_lets_the_right_password_in()
    {
        await using var app = await IdentityApp.StartAsync(infrastructure);
        var client = app.From("203.0.113.8");
        await FailAsync(client, 5);
        Assert.Equal(HttpStatusCode.Unauthorized, await RightPasswordAsync(client));

        // A guess made while held is not even tried; one made after each one-minute hold counts.
        for (var i = 0; i < 5; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(61));
            await FailAsync(client, 1);
        }
        // Ten failures hold for two minutes.
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Unauthorized, await RightPasswordAsync(client));

        app.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, await RightPasswordAsync(client));
    }

    [Fact]
    public async Task An_unknown_user_a_wrong_password_and_a_held_account_answer_alike()
    {
        await using var app = await IdentityApp.StartAsync(infrastructure);
        var client = app.From("203.0.113.9");
        await FailAsync(client, 5, "chengqu.director");

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var (username, password) in new[]
        {
            ("nobody.here", IdentityApp.DemoPassword),
            ("chengqu.deputy", "Wrong#Password-1"),
            ("chengqu.director", IdentityApp.DemoPassword),
        })
        {
            using var response = await IdentityApp.PasswordGrantAsync(client, username, password);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, answers[0].Item1);
        Assert.Single(answers.Distinct());
    }

    [Theory]
    [InlineData("yangcheng.duty", "yangcheng.duty")]
    [InlineData("Fenghuo@dev1", "(masked: 12 characters)")]
    [InlineData("my password", "(masked: 11 characters)")]
    public void An_unknown_username_is_kept_only_when_it_cannot_be_a_password(string typed, string audited) =>
        Assert.Equal(audited, PasswordLogin.AuditedUsername(typed));

    private static async Task FailAsync(HttpClient client, int times, string username = "chengqu.reviewer")
    {
        for (var i = 0; i < times; i++)
        {
            using var wrong = await IdentityApp.PasswordGrantAsync(client, username, $"Guess#{i}-wrong");
            Assert.True(wrong.StatusCode == HttpStatusCode.Unauthorized, await wrong.Content.ReadAsStringAsync());
        }
    }

    private static async Task<HttpStatusCode> RightPasswordAsync(HttpClient client)
    {
        using var response = await IdentityApp.PasswordGrantAsync(client, "chengqu.reviewer", IdentityApp.DemoPassword);
        return response.StatusCode;
    }
}
