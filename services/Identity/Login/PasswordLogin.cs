using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Realm;
using Microsoft.AspNetCore.Identity;

namespace Fenghuo.Identity.Login;

/// <summary>
/// Username and password: brute-force throttling, the password, then whether the account may have
/// tokens (enabled, jurisdiction not suspended, no pending required action). Failures are counted
/// per user and source address, with a wait that grows with them, so guessing from one place does
/// not lock the real user out from another. Every failure — unknown user, throttled, wrong
/// password — costs one slow hash and answers the same. Every attempt lands in the audit trail.
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

    public async Task<LoginResult> AttemptAsync(string? username, string? password, string clientId, string source, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(username)
            ? null
            : await database.InTransactionAsync(TenantScope.None, session => users.FindByUsernameAsync(session, username), ct);
        if (user is null || user.IsServiceAccount)
        {
            hasher.VerifyHashedPassword(null!, decoyHash, password ?? string.Empty);
            await database.InTransactionAsync(TenantScope.None, session => audit.RecordAsync(
                session, AuditedUsername(username), LoginAction, string.Empty, null, IdentityAudit.Failure, new { client = clientId, reason = "user_not_found" }), ct);
            return LoginResult.InvalidCredentials;
        }
        if (!await VerifyAsync(user, password, clientId, source, ct))
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

    /// <summary>
    /// What an unknown username becomes in the audit trail. People type passwords into the username
    /// field; the realm's passwords need an upper-case letter and usernames are lower-case, so only
    /// something shaped like a username is kept as typed, anything else by its length alone.
    /// </summary>
    public static string AuditedUsername(string? username) =>
        string.IsNullOrEmpty(username) ? string.Empty
        : username.Length <= 100 && username.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-' or '@') ? username
        : $"(masked: {username.Length} characters)";

    /// <summary>Checks a known user's password under throttling per source: failures count, a success clears that source's.</summary>
    public async Task<bool> VerifyAsync(RealmUser user, string? password, string clientId, string source, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (state, hash) = await database.InTransactionAsync(TenantScope.None, async session =>
            (await failures.ReadAsync(session, user.Id, source), await users.PasswordHashAsync(session, user.Id)), ct);

        // The slow hash runs outside any transaction, so one account's logins do not queue behind it,
        // and it runs for a throttled attempt too, so a throttled account answers no faster.
        var verified = hasher.VerifyHashedPassword(user, hash ?? decoyHash, password ?? string.Empty) != PasswordVerificationResult.Failed;
        var matches = verified && hash is not null && !string.IsNullOrEmpty(password) && !realm.BruteForce.IsLocked(state, now);

        return await database.InTransactionAsync(TenantScope.None, async session =>
        {
            // Read again under the row lock: attempts racing each other still count one by one.
            var current = await failures.LockAsync(session, user.Id, source);
            if (realm.BruteForce.IsLocked(current, now))
            {
                await audit.RecordAsync(session, user.Username, LoginAction, user, IdentityAudit.Failure, new { client = clientId, reason = "temporarily_locked" });
                return false;
            }
            if (!matches)
            {
                var next = realm.BruteForce.RecordFailure(current, now);
                await failures.SaveAsync(session, user.Id, source, next);
                var lockedNow = realm.BruteForce.IsLocked(next, now);
                if (lockedNow)
                {
                    logger.LogWarning("Logins of {Username} from {Source} held until {LockedUntil} after {Failures} failures", user.Username, source, next.LockedUntil, next.Failures);
                }
                await audit.RecordAsync(session, user.Username, LoginAction, user, IdentityAudit.Failure,
                    new { client = clientId, reason = lockedNow ? "invalid_password_locked" : "invalid_password", failures = next.Failures });
                return false;
            }
            if (!current.IsNone)
            {
                await failures.ClearAsync(session, user.Id, source);
            }
            return true;
        }, ct);
    }
}
