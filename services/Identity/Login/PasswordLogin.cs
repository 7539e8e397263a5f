using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Realm;
using Microsoft.AspNetCore.Identity;

namespace Fenghuo.Identity.Login;

/// <summary>
/// Username and password, checked as Keycloak checks them: brute-force detection first, then the
/// password, then whether the account may have tokens (enabled, jurisdiction not suspended, no
/// pending required action). Every attempt lands in the audit trail.
/// </summary>
public sealed class PasswordLogin(
    TenantDatabase database,
    UserStore users,
    LoginFailureStore failures,
    AccountStandingCheck standing,
    PasswordHasher<RealmUser> hasher,
    RealmDefinition realm,
    IdentityAudit audit,
    TimeProvider time,
    ILogger<PasswordLogin> logger)
{
    private const string LoginAction = "identity.login";

    // Unknown usernames are hashed against too, so they take as long to refuse as a wrong password.
    private readonly string decoyHash = hasher.HashPassword(null!, Guid.NewGuid().ToString());

    public async Task<LoginResult> AttemptAsync(string? username, string? password, string clientId, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(username)
            ? null
            : await database.InTransactionAsync(TenantScope.None, session => users.FindByUsernameAsync(session, username), ct);
        if (user is null || user.IsServiceAccount)
        {
            hasher.VerifyHashedPassword(null!, decoyHash, password ?? string.Empty);
            await database.InTransactionAsync(TenantScope.None, session => audit.RecordAsync(
                session, Truncate(username), LoginAction, string.Empty, null, IdentityAudit.Failure, new { client = clientId, reason = "user_not_found" }), ct);
            return LoginResult.InvalidCredentials;
        }
        if (!await VerifyAsync(user, password, clientId, ct))
        {
            return LoginResult.InvalidCredentials;
        }

        var outcome = await standing.OfAsync(user, ct) switch
        {
            AccountStanding.Active => LoginOutcome.Success,
            AccountStanding.Disabled => LoginOutcome.Disabled,
            _ => LoginOutcome.NotFullySetUp,
        };
        await database.InTransactionAsync(TenantScope.None, session => audit.RecordAsync(
            session, user.Username, LoginAction, user, outcome == LoginOutcome.Success ? IdentityAudit.Success : IdentityAudit.Failure,
            new { client = clientId, reason = EnumLabel.Of(outcome) }), ct);
        return new LoginResult(outcome, user);
    }

    // Whatever was typed as a username goes into the audit trail, within reason.
    private static string Truncate(string? username) => username is null ? string.Empty : username[..Math.Min(username.Length, 100)];

    /// <summary>Checks a known user's password under brute-force detection: failures count, a success clears them.</summary>
    public async Task<bool> VerifyAsync(RealmUser user, string? password, string clientId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (state, hash) = await database.InTransactionAsync(TenantScope.None, async session =>
            (await failures.ReadAsync(session, user.Id), await users.PasswordHashAsync(session, user.Id)), ct);

        // The slow hash runs outside any transaction, so one account's logins do not queue behind it.
        var matches = !realm.BruteForce.IsLocked(state, now)
            && hash is not null && !string.IsNullOrEmpty(password)
            && hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;

        return await database.InTransactionAsync(TenantScope.None, async session =>
        {
            // Read again under the row lock: attempts racing each other still count one by one.
            var current = await failures.LockAsync(session, user.Id);
            if (realm.BruteForce.IsLocked(current, now))
            {
                await audit.RecordAsync(session, user.Username, LoginAction, user, IdentityAudit.Failure, new { client = clientId, reason = "temporarily_locked" });
                return false;
            }
            if (!matches)
            {
                var next = realm.BruteForce.RecordFailure(current, now);
                await failures.SaveAsync(session, user.Id, next);
                var lockedNow = realm.BruteForce.IsLocked(next, now);
                if (lockedNow)
                {
                    logger.LogWarning("User {Username} temporarily locked until {LockedUntil} after {Failures} failed logins", user.Username, next.LockedUntil, next.Failures);
                }
                await audit.RecordAsync(session, user.Username, LoginAction, user, IdentityAudit.Failure,
                    new { client = clientId, reason = lockedNow ? "invalid_password_locked" : "invalid_password", failures = next.Failures });
                return false;
            }
            if (!current.IsNone)
            {
                await failures.ClearAsync(session, user.Id);
            }
            return true;
        }, ct);
    }
}
