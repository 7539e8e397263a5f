using Dapper;
using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Summaries.Data;

/// <summary>One incident as the 台账 lists it.</summary>
public sealed record LedgerRow
{
    public string Number { get; init; } = "";
    public string TenantName { get; init; } = "";
    public string? Category { get; init; }
    public string? CategoryName { get; init; }
    public string? Grade { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public DateTimeOffset? ReportedAt { get; init; }
    public DateTimeOffset? ReportDueAt { get; init; }
    public DateTimeOffset? ReportMetAt { get; init; }
    public string? ResponseLevel { get; init; }
    public string? ResponseLevelName { get; init; }
    public string State { get; init; } = "";
    public DateTimeOffset? ClosedAt { get; init; }
}

/// <summary>The 台账 of real incidents reported in a period, read row by row as it is written out (never held whole).</summary>
public sealed class LedgerStore
{
    private const string Ledger = """
        select i.number as Number, coalesce(t.name, i.tenant_code) as TenantName, i.category as Category,
               p.labels -> 'category' ->> i.category as CategoryName, i.grade as Grade,
               i.occurred_at as OccurredAt, i.reported_at as ReportedAt, i.report_due_at as ReportDueAt, i.report_met_at as ReportMetAt,
               i.response_level as ResponseLevel, p.labels -> 'level' ->> i.response_level as ResponseLevelName,
               i.state as State, i.closed_at as ClosedAt
        from s_incident i
        left join s_tenant t on t.generation = i.generation and t.tenant_code = i.tenant_code
        left join s_plan p on p.generation = i.generation and p.tenant_code = i.tenant_code
        where i.generation = (select generation from projection_state where id = 1) and i.tenant_path <@ @Root::ltree
          and not i.exercise and i.reported_at >= @From and i.reported_at < @To
        order by i.tenant_path, i.reported_at, i.number
        """;

    public IAsyncEnumerable<LedgerRow> StreamAsync(DbSession session, string root, DateTimeOffset from, DateTimeOffset to) =>
        session.Connection.QueryUnbufferedAsync<LedgerRow>(Ledger, new { Root = root, From = from, To = to }, session.Transaction);
}
