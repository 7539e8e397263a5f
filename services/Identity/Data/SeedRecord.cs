using Dapper;
using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Identity.Data;

/// <summary>Which of the realm file's users have been seeded, so a deleted one is not seeded again.</summary>
public sealed class SeedRecord
{
    private const string Known = "select username from realm_user union select username from realm_seeded_user";

    private const string Record = "insert into realm_seeded_user (username, seeded_at) select unnest(@Usernames), @At on conflict do nothing";

    /// <summary>Usernames present now or seeded at any earlier start.</summary>
    public async Task<IReadOnlySet<string>> PresentOrSeededAsync(DbSession session) =>
        (await session.Connection.QueryAsync<string>(Known, transaction: session.Transaction)).ToHashSet(StringComparer.Ordinal);

    public Task RecordAsync(DbSession session, IEnumerable<string> usernames, DateTimeOffset at) =>
        session.Connection.ExecuteAsync(Record, new { Usernames = usernames.ToArray(), At = at.UtcDateTime }, session.Transaction);
}
