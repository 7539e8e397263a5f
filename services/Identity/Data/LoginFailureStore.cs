using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Domain;

namespace Fenghuo.Identity.Data;

/// <summary>
/// Brute-force counters per user and source address, kept in the database so every replica counts
/// the same failures.
/// </summary>
public sealed class LoginFailureStore
{
    // Locking the user row serialises concurrent attempts on one account, so no failure is lost.
    // The counters are read by a separate statement: under READ COMMITTED a statement that waited
    // for the lock would still see the counters as they were when it began.
    private const string LockUser = "select 1 from realm_user where id = @UserId for update";

    private const string Select = """
        select failures as Failures, last_failure_at as LastFailureAt, locked_until as LockedUntil
        from login_failure where user_id = @UserId and source = @Source
        """;

    private const string Save = """
        insert into login_failure (user_id, source, failures, last_failure_at, locked_until)
        values (@UserId, @Source, @Failures, @LastFailureAt, @LockedUntil)
        on conflict (user_id, source) do update
        set failures = excluded.failures, last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until
        """;

    private const string Clear = "delete from login_failure where user_id = @UserId and (@Source::text is null or source = @Source)";

    public async Task<LoginFailureState> ReadAsync(DbSession session, Guid userId, string source)
    {
        var row = await session.Connection.QuerySingleOrDefaultAsync<Row>(Select, new { UserId = userId, Source = source }, session.Transaction);
        return row is null ? LoginFailureState.None : new LoginFailureState(row.Failures, Utc(row.LastFailureAt), Utc(row.LockedUntil));
    }

    /// <summary>Reads the counters holding the user's row lock until the transaction ends.</summary>
    public async Task<LoginFailureState> LockAsync(DbSession session, Guid userId, string source)
    {
        await session.Connection.ExecuteAsync(LockUser, new { UserId = userId }, session.Transaction);
        return await ReadAsync(session, userId, source);
    }

    public Task SaveAsync(DbSession session, Guid userId, string source, LoginFailureState state) =>
        session.Connection.ExecuteAsync(Save, new
        {
            UserId = userId,
            Source = source,
            state.Failures,
            LastFailureAt = state.LastFailureAt?.UtcDateTime,
            LockedUntil = state.LockedUntil?.UtcDateTime,
        }, session.Transaction);

    /// <summary>Clears the counters of one source, or of every source when <paramref name="source"/> is null (an administrator's unlock).</summary>
    public Task ClearAsync(DbSession session, Guid userId, string? source = null) =>
        session.Connection.ExecuteAsync(Clear, new { UserId = userId, Source = source }, session.Transaction);

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(v, TimeSpan.Zero) : null;

    private sealed record Row(int Failures, DateTime LastFailureAt, DateTime? LockedUntil);
}
