using System.Security.Claims;
using System.Security.Cryptography;
using Fenghuo.ServiceDefaults.Auth;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>
/// The gateway and every service remember the tokens they found valid, for a minute at most: a
/// remembered token is still refused once it expires, a token altered in any byte is checked afresh,
/// and a signing key the realm withdraws stops working within the minute. The realm roles are read
/// once per token and remembered with it: each token keeps its own.
/// </summary>
public sealed class RememberedTokenTests
{
    private const string Issuer = "http://127.0.0.1/realms/fenghuo";
    private const string Audience = "fenghuo-api";

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly RsaSecurityKey realmKey = new(RSA.Create(2048)) { KeyId = "realm" };

    [Fact]
    public async Task Each_request_with_a_remembered_token_gets_an_identity_of_its_own()
    {
        var handler = new RememberingTokenHandler(clock);
        var token = Issue(TimeSpan.FromMinutes(5));

        // What follows validation adds the realm roles to the identity: each request adds to its own.
        var requests = new List<TokenValidationResult>();
        for (var i = 0; i < 3; i++)
        {
            var result = await handler.ValidateTokenAsync(token, Parameters(realmKey));
            requests.Add(result);
            result.ClaimsIdentity.AddClaim(new Claim(ClaimNames.Role, "commander"));
        }

        Assert.All(requests, r => Assert.True(r.IsValid));
        Assert.All(requests, r => Assert.Equal("yangcheng.duty", r.ClaimsIdentity.Name));
        Assert.All(requests, r => Assert.Single(r.ClaimsIdentity.Claims, c => c.Type == ClaimNames.Role));
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_expires()
    {
        var handler = new RememberingTokenHandler(clock);
        var token = Issue(TimeSpan.FromSeconds(30));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(realmKey))).IsValid);

        clock.Advance(TimeSpan.FromSeconds(31));

        var late = await handler.ValidateTokenAsync(token, Parameters(realmKey));
        Assert.False(late.IsValid);
    }

    [Fact]
    public async Task A_token_altered_in_one_byte_is_checked_afresh_and_refused()
    {
        var handler = new RememberingTokenHandler(clock);
        var token = Issue(TimeSpan.FromMinutes(5));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(realmKey))).IsValid);

        var altered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        Assert.False((await handler.ValidateTokenAsync(altered, Parameters(realmKey))).IsValid);
    }

    [Fact]
    public async Task A_withdrawn_signing_key_stops_working_within_the_minute()
    {
        var handler = new RememberingTokenHandler(clock);
        var token = Issue(TimeSpan.FromMinutes(5));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(realmKey))).IsValid);
        var rotated = Parameters(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rotated" });

        clock.Advance(TimeSpan.FromSeconds(30));
        var withinTheMinute = await handler.ValidateTokenAsync(token, rotated);
        clock.Advance(RememberingTokenHandler.Remember - TimeSpan.FromSeconds(30));
        var afterIt = await handler.ValidateTokenAsync(token, rotated);

        Assert.True(withinTheMinute.IsValid);
        Assert.False(afterIt.IsValid);
        Assert.IsType<SecurityTokenSignatureKeyNotFoundException>(afterIt.Exception);
    }

    [Fact]
    public async Task The_realm_roles_of_a_remembered_token_are_its_own_on_every_request()
    {
        var handler = new RememberingTokenHandler(clock);
        var duty = Issue(TimeSpan.FromMinutes(5), roles: [Roles.DutyOfficer, Roles.Reporter]);
        var commander = Issue(TimeSpan.FromMinutes(5), roles: [Roles.Commander]);

        var seen = new List<(string Token, TokenValidationResult Result)>();
        for (var i = 0; i < 3; i++)
        {
            seen.Add((duty, await handler.ValidateTokenAsync(duty, Parameters(realmKey))));
            seen.Add((commander, await handler.ValidateTokenAsync(commander, Parameters(realmKey))));
        }

        Assert.All(seen, s => Assert.True(s.Result.IsValid));
        Assert.All(seen.Where(s => s.Token == duty), s => Assert.Equal([Roles.DutyOfficer, Roles.Reporter], RolesOf(s.Result)));
        Assert.All(seen.Where(s => s.Token == commander), s => Assert.Equal([Roles.Commander], RolesOf(s.Result)));
    }

    [Fact]
    public async Task A_remembered_tokens_signature_on_another_payload_is_refused()
    {
        var handler = new RememberingTokenHandler(clock);
        var duty = Issue(TimeSpan.FromMinutes(5), roles: [Roles.DutyOfficer]);
        var commander = Issue(TimeSpan.FromMinutes(5), roles: [Roles.Commander]);
        Assert.True((await handler.ValidateTokenAsync(duty, Parameters(realmKey))).IsValid);
        Assert.True((await handler.ValidateTokenAsync(commander, Parameters(realmKey))).IsValid);

        // The duty officer's header and signature around the commander's claims.
        var spliced = string.Join('.', duty.Split('.')[0], commander.Split('.')[1], duty.Split('.')[2]);

        Assert.False((await handler.ValidateTokenAsync(spliced, Parameters(realmKey))).IsValid);
    }

    [Fact]
    public async Task After_a_good_token_is_remembered_tokens_of_another_issuer_audience_or_key_are_refused()
    {
        var handler = new RememberingTokenHandler(clock);
        Assert.True((await handler.ValidateTokenAsync(Issue(TimeSpan.FromMinutes(5)), Parameters(realmKey))).IsValid);

        var otherIssuer = Issue(TimeSpan.FromMinutes(5), issuer: "http://127.0.0.1/realms/elsewhere");
        var otherAudience = Issue(TimeSpan.FromMinutes(5), audience: "another-api");
        var otherKey = Issue(TimeSpan.FromMinutes(5), key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = realmKey.KeyId });

        Assert.IsType<SecurityTokenInvalidIssuerException>((await handler.ValidateTokenAsync(otherIssuer, Parameters(realmKey))).Exception);
        Assert.IsType<SecurityTokenInvalidAudienceException>((await handler.ValidateTokenAsync(otherAudience, Parameters(realmKey))).Exception);
        Assert.False((await handler.ValidateTokenAsync(otherKey, Parameters(realmKey))).IsValid);
        // Asked again, each is checked again rather than remembered as refused or confused with the good one.
        Assert.False((await handler.ValidateTokenAsync(otherAudience, Parameters(realmKey))).IsValid);
    }

    [Fact]
    public async Task A_token_whose_realm_access_is_not_json_is_refused()
    {
        var handler = new RememberingTokenHandler(clock);
        var token = Issue(TimeSpan.FromMinutes(5), realmAccess: "commander");

        var result = await handler.ValidateTokenAsync(token, Parameters(realmKey));

        Assert.False(result.IsValid);
        Assert.False((await handler.ValidateTokenAsync(token, Parameters(realmKey))).IsValid);
    }

    private static string[] RolesOf(TokenValidationResult result) =>
        [.. result.ClaimsIdentity.FindAll(ClaimNames.Role).Select(c => c.Value)];

    private string Issue(
        TimeSpan lifetime, string[]? roles = null, string issuer = Issuer, string audience = Audience, SecurityKey? key = null,
        object? realmAccess = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { [ClaimNames.PreferredUsername] = "yangcheng.duty", ["tenant"] = "yangcheng" };
        if ((realmAccess ?? (roles is null ? null : new Dictionary<string, object> { ["roles"] = roles })) is { } access)
        {
            claims[ClaimNames.RealmAccess] = access;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? realmKey, SecurityAlgorithms.RsaSha256),
        });
    }

    private TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        NameClaimType = ClaimNames.PreferredUsername,
        RoleClaimType = ClaimNames.Role,
        // The library reads the system clock; the test's clock decides the lifetime instead, as time moves on.
        LifetimeValidator = (notBefore, expires, _, _) => notBefore <= clock.GetUtcNow().UtcDateTime && clock.GetUtcNow().UtcDateTime < expires,
    };
}
