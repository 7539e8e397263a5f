using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fenghuo.Testing;

namespace Fenghuo.Identity.Tests;

/// <summary>
/// Refresh tokens rotate and are single-use: a replayed one ends the whole session, including the
/// token that replaced it; the realm's maximum session length ends a session however often it is refreshed.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class SessionTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task A_replayed_refresh_token_revokes_its_session_and_the_token_that_replaced_it()
    {
        await using var app = await IdentityApp.StartAsync(infrastructure);
        var client = app.From("10.0.0.7");
        var first = await IdentityApp.RefreshTokenOfAsync(await IdentityApp.PasswordGrantAsync(client, "xinzhou.duty", IdentityApp.DemoPassword));

        using var rotated = await IdentityApp.RefreshAsync(client, first);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = await IdentityApp.RefreshTokenOfAsync(rotated);
        Assert.NotEqual(first, second);

        using var replay = await IdentityApp.RefreshAsync(client, first);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_grant", (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        using var afterReplay = await IdentityApp.RefreshAsync(client, second);
        Assert.Equal(HttpStatusCode.BadRequest, afterReplay.StatusCode);

        using var newLogin = await IdentityApp.PasswordGrantAsync(client, "xinzhou.duty", IdentityApp.DemoPassword);
        using var unaffected = await IdentityApp.RefreshAsync(client, await IdentityApp.RefreshTokenOfAsync(newLogin));
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
    }

    [Fact]
    public async Task A_session_refreshed_every_25_minutes_still_ends_at_the_realms_ten_hour_maximum()
    {
        await using var app = await IdentityApp.StartAsync(infrastructure);
        var client = app.From("10.0.0.8");
        var token = await IdentityApp.RefreshTokenOfAsync(await IdentityApp.PasswordGrantAsync(client, "xinzhou.analyst", IdentityApp.DemoPassword));
        for (var elapsed = TimeSpan.FromMinutes(25); elapsed < TimeSpan.FromHours(10); elapsed += TimeSpan.FromMinutes(25))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(25));
            using var refreshed = await IdentityApp.RefreshAsync(client, token);
            Assert.True(refreshed.StatusCode == HttpStatusCode.OK, $"refused after {elapsed}: {await refreshed.Content.ReadAsStringAsync()}");
            token = await IdentityApp.RefreshTokenOfAsync(refreshed);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(25));
        using var beyond = await IdentityApp.RefreshAsync(client, token);
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
    }
}
