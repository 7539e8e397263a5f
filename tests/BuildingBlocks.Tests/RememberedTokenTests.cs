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
/// and a signing key the realm withdraws stops working within the minute.
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

    private string Issue(TimeSpan lifetime)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object> { [ClaimNames.PreferredUsername] = "yangcheng.duty", ["tenant"] = "yangcheng" },
            SigningCredentials = new SigningCredentials(realmKey, SecurityAlgorithms.RsaSha256),
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
