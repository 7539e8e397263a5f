using Dapper;
using Fenghuo.Warnings.Domain;
using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Warnings.Data;

/// <summary>
/// The expiry scheduler's view of every tenant's warnings in force: under the clock widening, the one
/// under which row-level security shows all tenants' warnings, for this statement only; the history
/// and events that follow are written in each issuer's own scope.
/// </summary>
public sealed class ExpiryStore
{
    // Skip locked: a second scheduler (another instance) takes other rows, never the same expiry twice.
    private const string MarkExpired = $"""
        update warning w set state = 'expired', ended_at = w.expires_at, updated_at = @Now
        where w.id in (select id from warning where state in ('in_force', 'adjusted') and expires_at <= @Now
                       order by expires_at limit @Batch for update skip locked)
        returning {WarningStore.Columns}
        """;

    private const int Batch = 500;

    public Task<IReadOnlyList<Warning>> MarkExpiredAsync(DbSession session, DateTimeOffset now) =>
        TenantDatabase.WidenedAsync<IReadOnlyList<Warning>>(session, RlsWidening.Clock,
            async () => (await session.Connection.QueryAsync<Warning>(MarkExpired, new { Now = now, Batch }, session.Transaction)).ToList());
}
