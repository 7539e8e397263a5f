using System.Text.Json;
using Dapper;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Npgsql;

namespace Fenghuo.Outbox.Bench;

/// <summary>How one backlog went: rows published per second from the first batch's mark to the last's.</summary>
internal sealed record Drain(double Rate, TimeSpan Elapsed, long Arrived);

/// <summary>
/// Outbox rows as intake leaves them (a county's IncidentReported each), recorded all at once so the
/// relay finds a backlog, and read back to see when the relay marked them sent.
/// </summary>
internal sealed class Backlog(string connectionString)
{
    // Later rows a microsecond apart, so "oldest first" has one answer.
    private const string Record = """
        insert into outbox (id, message_type, payload, created_at)
        select r.id, @Type, r.payload::jsonb, now() + r.ord * interval '1 microsecond'
        from unnest(@Ids, @Payloads) with ordinality as r(id, payload, ord)
        """;

    private const string Unsent = "select count(*) from outbox where id = any(@Ids) and sent_at is null";

    // sent_at is the settling transaction's time, so the first batch's mark starts the clock.
    private const string Marks = """
        select extract(epoch from max(sent_at) - min(sent_at))::float8 as Span,
               count(*) filter (where sent_at > (select min(sent_at) from outbox where id = any(@Ids))) as AfterFirst,
               extract(epoch from max(sent_at) - @RecordedAt)::float8 as Elapsed
        from outbox where id = any(@Ids)
        """;

    public static IncidentReported NewEvent() =>
        new(3, Grade.Large, "网络攻击事件", "拒绝服务攻击事件", DateTimeOffset.UtcNow.AddMinutes(-20), "yangcheng.duty")
        {
            OccurredAt = DateTimeOffset.UtcNow,
            TenantCode = "yangcheng",
            TenantPath = "shanxi.jincheng.yangcheng",
            IncidentId = Guid.CreateVersion7(),
            Number = "阳城-2026-000123",
            ReportUpwardDueAt = DateTimeOffset.UtcNow.AddMinutes(40),
        };

    /// <returns>The rows' ids and when their transaction committed (the database's clock).</returns>
    public async Task<(Guid[] Ids, DateTime RecordedAt)> RecordAsync(int count)
    {
        var events = Enumerable.Range(0, count).Select(_ => NewEvent()).ToArray();
        var ids = events.Select(e => e.EventId).ToArray();
        var payloads = events.Select(e => JsonSerializer.Serialize(e, FenghuoJson.Options)).ToArray();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync(Record, new { Type = typeof(IncidentReported).FullName, Ids = ids, Payloads = payloads });
        var recordedAt = await connection.ExecuteScalarAsync<DateTime>("select now()");
        await connection.ExecuteAsync($"select pg_notify('{Fenghuo.BuildingBlocks.Messaging.Outbox.NotifyChannel}', '')");
        return (ids, recordedAt);
    }

    public async Task<Drain> DrainAsync((Guid[] Ids, DateTime RecordedAt) recorded)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        while (await connection.ExecuteScalarAsync<long>(Unsent, new { recorded.Ids }) > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        var marks = await connection.QuerySingleAsync<(double Span, long AfterFirst, double Elapsed)>(Marks, new { recorded.Ids, recorded.RecordedAt });
        return new Drain(marks.AfterFirst / marks.Span, TimeSpan.FromSeconds(marks.Elapsed), 0);
    }
}
