using System.Globalization;
using System.Security.Claims;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Realm;
using OpenIddict.Abstractions;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// One login and everything issued from it. Codes and refresh tokens carry the session's id, when it
/// began, and an id of their own (claims without destinations: they stay inside OpenIddict's
/// encrypted code and refresh token, never in an access or identity token). Redemption makes each
/// single-use, replays revoke the session, and the realm's ssoSessionMaxLifespan ends it however
/// often it is refreshed.
/// </summary>
public sealed record LoginSession(Guid Id, DateTimeOffset StartedAt)
{
    public const string SessionClaim = "fenghuo_sid";
    public const string StartedClaim = "fenghuo_session_started";
    public const string TokenClaim = "fenghuo_tid";

    public static LoginSession Start(DateTimeOffset now) => new(Guid.CreateVersion7(), now);

    /// <summary>Marks a principal about to become a code or refresh token as this session's, with a fresh token id.</summary>
    public ClaimsPrincipal Stamp(ClaimsPrincipal principal)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var type in new[] { SessionClaim, StartedClaim, TokenClaim })
        {
            foreach (var existing in identity.FindAll(type).ToList())
            {
                identity.RemoveClaim(existing);
            }
        }
        identity.AddClaim(new Claim(SessionClaim, Id.ToString()));
        identity.AddClaim(new Claim(StartedClaim, StartedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(TokenClaim, Guid.CreateVersion7().ToString()));
        return principal;
    }

    /// <summary>
    /// Redeems the code or refresh token <paramref name="previous"/> was read from: the session it
    /// continues, or null when it must be refused (no session marks, a revoked or expired session,
    /// or a replay — which revokes the session).
    /// </summary>
    public static async Task<LoginSession?> RedeemAsync(DbSession session, ClaimsPrincipal previous, RealmDefinition realm, DateTimeOffset now)
    {
        if (!Guid.TryParse(previous.GetClaim(SessionClaim), out var sessionId)
            || !Guid.TryParse(previous.GetClaim(TokenClaim), out var tokenId)
            || !long.TryParse(previous.GetClaim(StartedClaim), CultureInfo.InvariantCulture, out var started))
        {
            return null;
        }
        var login = new LoginSession(sessionId, DateTimeOffset.FromUnixTimeSeconds(started));
        if (!await login.IsLiveAsync(session, realm, now))
        {
            return null;
        }
        var first = await session.Connection.ExecuteAsync(
            "insert into redeemed_token (token_id, session_id, redeemed_at) values (@TokenId, @SessionId, @Now) on conflict do nothing",
            new { TokenId = tokenId, SessionId = sessionId, Now = now.UtcDateTime }, session.Transaction) == 1;
        if (!first)
        {
            await RevokeAsync(session, sessionId, "replayed", now);
            return null;
        }
        return login;
    }

    public static Task RevokeAsync(DbSession session, Guid sessionId, string reason, DateTimeOffset now) =>
        session.Connection.ExecuteAsync(
            "insert into revoked_session (session_id, revoked_at, reason) values (@SessionId, @Now, @Reason) on conflict do nothing",
            new { SessionId = sessionId, Now = now.UtcDateTime, Reason = reason }, session.Transaction);

    /// <summary>Neither revoked (a replay, a logout) nor past the realm's ssoSessionMaxLifespan.</summary>
    public async Task<bool> IsLiveAsync(DbSession session, RealmDefinition realm, DateTimeOffset now) =>
        now - StartedAt <= TimeSpan.FromSeconds(realm.Representation.SsoSessionMaxLifespan ?? 36000)
        && !await session.Connection.ExecuteScalarAsync<bool>(
            "select exists (select 1 from revoked_session where session_id = @SessionId)", new { SessionId = Id }, session.Transaction);
}
