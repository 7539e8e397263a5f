using Fenghuo.Identity.Domain;

namespace Fenghuo.Identity.Tests;

/// <summary>Keycloak's temporary lockout as the realm configures it: 5 failures, 15 minutes.</summary>
public sealed class BruteForcePolicyTests
{
    private static readonly BruteForcePolicy Policy = new(true, 5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), TimeSpan.FromHours(12));
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static LoginFailureState Fail(int times, DateTimeOffset from, LoginFailureState? state = null)
    {
        var current = state ?? LoginFailureState.None;
        for (var i = 0; i < times; i++)
        {
            current = Policy.RecordFailure(current, from.AddSeconds(i));
        }
        return current;
    }

    [Fact]
    public void Four_failures_do_not_lock()
    {
        var state = Fail(4, Start);
        Assert.Equal(4, state.Failures);
        Assert.False(Policy.IsLocked(state, Start.AddSeconds(4)));
    }

    [Fact]
    public void The_fifth_failure_locks_for_fifteen_minutes()
    {
        var state = Fail(5, Start);
        var fifth = Start.AddSeconds(4);
        Assert.Equal(fifth.AddMinutes(15), state.LockedUntil);
        Assert.True(Policy.IsLocked(state, fifth.AddMinutes(14)));
        Assert.False(Policy.IsLocked(state, fifth.AddMinutes(15)));
    }

    [Fact]
    public void A_failure_after_the_lock_expired_locks_again_at_once()
    {
        var locked = Fail(5, Start);
        var later = locked.LockedUntil!.Value.AddMinutes(1);
        var again = Policy.RecordFailure(locked, later);
        Assert.Equal(6, again.Failures);
        Assert.Equal(later.AddMinutes(15), again.LockedUntil);
    }

    [Fact]
    public void The_wait_never_exceeds_the_maximum()
    {
        var state = Fail(20, Start);
        Assert.Equal(Start.AddSeconds(19).AddMinutes(15), state.LockedUntil);
    }

    [Fact]
    public void Failures_far_apart_start_the_count_again()
    {
        var state = Fail(4, Start);
        var next = Policy.RecordFailure(state, Start.AddHours(13));
        Assert.Equal(1, next.Failures);
        Assert.Null(next.LockedUntil);
    }

    [Fact]
    public void Without_brute_force_protection_nothing_locks()
    {
        var off = Policy with { Enabled = false };
        var state = LoginFailureState.None;
        for (var i = 0; i < 10; i++)
        {
            state = off.RecordFailure(state, Start);
        }
        Assert.False(off.IsLocked(state, Start));
        Assert.True(state.IsNone);
    }
}
