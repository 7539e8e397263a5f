namespace Fenghuo.Identity.Domain;

/// <summary>
/// Keycloak's brute-force detection with its settings and arithmetic, applied per user *and source*
/// (Keycloak counts per user): from the <see cref="FailureFactor"/>th failure on, each failure holds
/// that source's logins for WaitIncrement × (failures / FailureFactor), at most MaxWait — a delay
/// that grows with the guessing rather than a lock anyone can trigger. Failures further apart than
/// MaxDelta start the count again; a success clears the source's count. While held, even the right
/// password is refused, and the answer is the same as for a wrong one.
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
