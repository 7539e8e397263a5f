using Dapper;
using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Exercises.Data;

/// <summary>
/// Completed drills per tenant of the caller's subtree in a year (China time), as organiser or participant — under
/// the tally widening, which shows participations in exercises organised above (numbers, never contents).
/// </summary>
public sealed class ComplianceStore
{
    private const string Completed = """
        select tenant_code as Tenant, count(*)::int as Count from exercise_participant
        where tenant_path <@ nullif(@Path, '')::ltree and extract(year from completed_at at time zone 'Asia/Shanghai') = @Year
        group by tenant_code
        """;

    public async Task<IReadOnlyDictionary<string, int>> CompletedAsync(DbSession session, int year) =>
        await TenantDatabase.WidenedAsync<IReadOnlyDictionary<string, int>>(session, RlsWidening.Tally, async () =>
            (await session.Connection.QueryAsync<(string Tenant, int Count)>(Completed, new
{ session.Scope.Path, Year = year }, session.Transaction)).ToDictionary(r => r.Tenant, r => r.Count));

    /// <summary>Records that a tenant was warned this year; false when it already was.</summary>
    public async Task<bool> NoteWarnedAsync(DbSession session, string tenant, int year, DateTimeOffset at) =>
        await session.Connection.ExecuteAsync(
            "insert into obligation_notice (tenant_code, year, sent_at) values (@Tenant, @Year, @At) on conflict do nothing",
            new { Tenant = tenant, Year = year, At = at }, session.Transaction) == 1;
}
