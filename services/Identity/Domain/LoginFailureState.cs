namespace Fenghuo.Identity.Domain;

/// <summary>A user's failed logins since their last success, and until when they are locked out.</summary>
public sealed record LoginFailureState(int Failures, DateTimeOffset? LastFailureAt, DateTimeOffset? LockedUntil)
{
    public static LoginFailureState None { get; } = new(0, null, null);

    public bool IsNone => Failures == 0 && LockedUntil is null;
}
