using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Fenghuo.ServiceDefaults.Auth;

/// <summary>
/// Validates a bearer token as <see cref="JsonWebTokenHandler"/> does and remembers the tokens it found
/// valid, so a client's next request with the same token skips the RSA signature check and the parsing.
/// The gateway and then the service both validate every request (neither trusts the other), and a duty
/// desk sends many requests with one token, so each hop paid ~0.1 ms of CPU per request for a check
/// whose answer had not changed.
/// </summary>
/// <remarks>
/// A remembered token is trusted until the earlier of its own expiry and <see cref="Remember"/> after it
/// was checked: a signing key the realm withdraws is refused everywhere at most that long afterwards,
/// the same bound the key set's own refresh gives. The whole token string is the key, so a token that
/// differs in any byte (another signature, another claim) is validated afresh. Each request gets its
/// own copy of the identity, since what follows validation may add claims to it. The realm roles are
/// read from the token's realm_access claim here, once per token, and remembered with the identity:
/// parsing that JSON again on every request was half of what authenticating a request cost the gateway.
/// </remarks>
internal sealed class RememberingTokenHandler(TimeProvider clock) : JsonWebTokenHandler
{
    public static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);

    // Enough for every token in use on a busy day; past it, the expired ones go, and if that is not
    // enough, all of them (the next request of each client validates again).
    private const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, Validated> validated = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow();
        if (validated.TryGetValue(token, out var known) && now < known.TrustedUntil)
        {
            return new TokenValidationResult
            {
                IsValid = true,
                ClaimsIdentity = known.Identity.Clone(),
                SecurityToken = known.Token,
                TokenType = known.Token.Typ,
                Issuer = known.Token.Issuer,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken checkedToken && result.ClaimsIdentity is { } identity)
        {
            if (!TryAddRealmRoles(identity))
            {
                return new TokenValidationResult
                {
                    IsValid = false,
                    Exception = new SecurityTokenValidationException("The token's realm_access claim is not valid JSON."),
                };
            }
            var expires = new DateTimeOffset(DateTime.SpecifyKind(checkedToken.ValidTo, DateTimeKind.Utc));
            var until = expires < now + Remember ? expires : now + Remember;
            if (validated.Count >= Capacity)
            {
                Sweep(now);
            }
            validated[token] = new Validated(identity.Clone(), checkedToken, until);
        }
        return result;
    }

    /// <summary>Keycloak's realm roles (realm_access.roles) as role claims, as Keycloak.AuthServices maps them.</summary>
    private static bool TryAddRealmRoles(ClaimsIdentity identity)
    {
        var realmAccess = identity.FindFirst(ClaimNames.RealmAccess)?.Value;
        if (string.IsNullOrEmpty(realmAccess))
        {
            return true;
        }
        try
        {
            using var document = JsonDocument.Parse(realmAccess);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array)
            {
                foreach (var role in roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()).OfType<string>())
                {
                    identity.AddClaim(new Claim(ClaimNames.Role, role));
                }
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (token, entry) in validated)
        {
            if (entry.TrustedUntil <= now)
            {
                validated.TryRemove(token, out _);
            }
        }
        if (validated.Count >= Capacity)
        {
            validated.Clear();
        }
    }

    private sealed record Validated(ClaimsIdentity Identity, JsonWebToken Token, DateTimeOffset TrustedUntil);
}
