namespace Fenghuo.Identity.Domain;

/// <summary>
/// Keycloak's brute-force detection (temporary lockout): from the <see cref="FailureFactor"/>th
/// failure on, each failure locks the user for WaitIncrement × (failures / FailureFactor), at most
/// MaxWait. Failures further apart than MaxDelta start the count again; a success clears it.
/// While locked, even the right password is refused, and the answer is the same as for a wrong
/// one, so an attacker cannot tell a lockout from a miss.
/// </summary>
public sealed record BruteForcePolicy(bool Enabled, int FailureFactor, TimeSpan WaitIncrement, TimeSpan MaxWait, TimeSpan MaxDelta)
{
    public bool IsLocked(LoginFailureState state, DateTimeOffset now) => Enabled && state.LockedUntil > now;

    public LoginFailureState RecordFailure(LoginFailureState state, DateTimeOffset now)
    {
        if (!Enabled)
        {
            return state;
        }
        var failures = state.LastFailureAt is { } last && now - last <= MaxDelta ? state.Failures + 1 : 1;
        var steps = failures / FailureFactor;
        if (steps == 0)
        {
            return new LoginFailureState(failures, now, null);
        }
        var wait = WaitIncrement * steps;
        return new LoginFailureState(failures, now, now + (wait > MaxWait ? MaxWait : wait));
    }
}
