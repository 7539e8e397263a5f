using System.Globalization;
using System.Security.Claims;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Oidc;
using Fenghuo.Identity.Realm;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Fenghuo.Identity.Login;

/// <summary>
/// The browser's single sign-on session (Keycloak's KEYCLOAK_IDENTITY cookie) and the short code
/// that carries a verified login into the change-password step. Both are JWTs signed with the
/// realm key, so any replica can read them and nothing is kept server-side. Their audience is the
/// issuer, never fenghuo-api, so neither passes as an access token.
/// </summary>
public sealed class SessionTokens(RealmKeys keys, RealmUrls urls, RealmDefinition realm, TimeProvider time)
{
    public const string SessionCookie = "KEYCLOAK_IDENTITY";
    private const string SessionType = "Serialized-ID";
    private const string ActionType = "login-action";
    private static readonly TimeSpan ActionLifetime = TimeSpan.FromMinutes(5);

    private readonly JsonWebTokenHandler handler = new();

    /// <summary>Sets the single sign-on cookie for <paramref name="user"/>, carrying the login session it continues.</summary>
    public void StartSession(HttpContext http, RealmUser user, LoginSession login) =>
        http.Response.Cookies.Append(SessionCookie, Issue(SessionType, user, realm.Lifetimes.SessionIdle, login), CookieOptions());

    public void EndSession(HttpContext http) => http.Response.Cookies.Delete(SessionCookie, CookieOptions());

    public Task<SessionClaim?> ReadSessionAsync(HttpContext http) => ReadAsync(SessionType, http.Request.Cookies[SessionCookie]);

    public string IssueActionCode(RealmUser user) => Issue(ActionType, user, ActionLifetime);

    public Task<SessionClaim?> ReadActionCodeAsync(string? code) => ReadAsync(ActionType, code);

    private string Issue(string type, RealmUser user, TimeSpan lifetime, LoginSession? login = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var subject = new ClaimsIdentity([new Claim("sub", user.Id.ToString()), new Claim(TokenShaper.TokenType, type)]);
        if (login is not null)
        {
            subject.AddClaim(new Claim(LoginSession.SessionClaim, login.Id.ToString()));
            subject.AddClaim(new Claim(LoginSession.StartedClaim, login.StartedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = urls.Issuer,
            Audience = urls.Issuer,
            Subject = subject,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = keys.SigningCredentials.First(),
        });
    }

    private async Task<SessionClaim?> ReadAsync(string type, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = urls.Issuer,
            ValidAudience = urls.Issuer,
            IssuerSigningKeys = keys.Signing,
            // Expiry is checked below against the injected clock.
            ValidateLifetime = false,
        });
        return result.IsValid
            && result.SecurityToken is JsonWebToken jwt
            && jwt.GetPayloadValue<string>(TokenShaper.TokenType) == type
            && jwt.ValidTo > time.GetUtcNow().UtcDateTime
            && Guid.TryParse(jwt.Subject, out var userId)
            ? new SessionClaim(userId, new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero), LoginOf(jwt))
            : null;
    }

    private static LoginSession? LoginOf(JsonWebToken jwt) =>
        jwt.TryGetPayloadValue<string>(LoginSession.SessionClaim, out var id) && Guid.TryParse(id, out var sessionId)
        && jwt.TryGetPayloadValue<long>(LoginSession.StartedClaim, out var started)
            ? new LoginSession(sessionId, DateTimeOffset.FromUnixTimeSeconds(started))
            : null;

    private CookieOptions CookieOptions() => new()
    {
        HttpOnly = true,
        Secure = urls.FrontendIsHttps,
        SameSite = SameSiteMode.Lax,
        Path = urls.CookiePath,
        IsEssential = true,
    };
}
