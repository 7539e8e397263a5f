using Dapper;
using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Summaries.Data;

/// <summary>
/// The overview's reads, grouped per tenant so the tree adds them up in memory. Row-level security
/// limits every statement to the caller's subtree; <c>@Root</c> narrows it to a node of it.
/// </summary>
public sealed class OverviewStore
{
    private const string InForce = "generation = (select generation from projection_state where id = 1) and tenant_path <@ @Root::ltree";

    private const string Tenants = $"""
        select tenant_code as Code, tenant_path::text as Path, name as Name, kind as Kind, parent_code as ParentCode
        from s_tenant where {InForce} order by tenant_path
        """;

    private const string Incidents = $"""
        select tenant_code as TenantCode, exercise as Exercise, grade as Grade, category as Category, state as State,
               response_level as ResponseLevel, count(*) as Count
        from s_incident where {InForce} and reported_at >= @From and reported_at < @To
        group by tenant_code, exercise, grade, category, state, response_level
        """;

    private const string Standing = """
        case when met_at is not null and met_at <= due_at and not missed then 'met'
             when missed or met_at > due_at or (met_at is null and due_at <= @Now) then 'missed'
             else 'open' end
        """;

    private const string Late = "greatest(0, ceil(extract(epoch from coalesce(met_at, @Now) - due_at) / 60))::bigint";

    private const string Clocks = $"""
        select tenant_code as TenantCode, kind as Kind, standing as Standing, minutes_late as MinutesLate, count(*) as Count
        from (select tenant_code, kind, {Standing} as standing,
                     case when {Standing} = 'missed' then {Late} else 0 end as minutes_late
              from s_clock where {InForce} and not exercise and due_at >= @From and due_at < @To) c
        group by tenant_code, kind, standing, minutes_late
        """;

    private const string Latest = $"""
        select number as Number, tenant_code as TenantCode, kind as Kind, due_at as DueAt, met_at as MetAt, {Late} as MinutesLate
        from s_clock where {InForce} and not exercise and due_at >= @From and due_at < @To
          and (missed or met_at > due_at or (met_at is null and due_at <= @Now))
        order by coalesce(met_at, @Now) - due_at desc limit @Worst
        """;

    private const string Acknowledgements = $"""
        select tenant_code as TenantCode, greatest(0, ceil(extract(epoch from first_ack_at - reported_at) / 60))::bigint as Minutes, count(*) as Count
        from s_incident where {InForce} and not exercise and reported_at >= @From and reported_at < @To and first_ack_at is not null
        group by 1, 2
        """;

    private const string Warnings = $"""
        select tenant_code as TenantCode, level as Level, max(level_name) as LevelName,
               count(*) filter (where issued_at >= @From and issued_at < @To) as Issued,
               count(*) filter (where state = 'issued' and issued_at <= @Now and expires_at > @Now) as InForce
        from s_warning where {InForce} and not exercise and issued_at is not null
        group by tenant_code, level
        """;

    private const string Plans = $"""
        select tenant_code as TenantCode, version as Version, effective_from::text as EffectiveFrom, published_at as PublishedAt,
               minimum_drills_per_year as MinimumDrillsPerYear, labels::text as Labels
        from s_plan where {InForce}
        """;

    private const string Drills = $"""
        select tenant_code as TenantCode, count(*) as Completed
        from s_drill where {InForce} and completed_at >= @YearStart and completed_at < @YearEnd
        group by tenant_code
        """;

    public async Task<OverviewRows> ReadAsync(DbSession session, string root, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now,
        DateTimeOffset yearStart, DateTimeOffset yearEnd, int worst)
    {
        var p = new { Root = root, From = from, To = to, Now = now, YearStart = yearStart, YearEnd = yearEnd, Worst = worst };
        async Task<IReadOnlyList<T>> Read<T>(string sql) => (await session.Connection.QueryAsync<T>(sql, p, session.Transaction)).ToList();
        return new OverviewRows(
            await Read<TenantRow>(Tenants),
            await Read<IncidentCountRow>(Incidents),
            await Read<ClockCountRow>(Clocks),
            await Read<LateClockRow>(Latest),
            await Read<AcknowledgementRow>(Acknowledgements),
            await Read<WarningCountRow>(Warnings),
            await Read<PlanRow>(Plans),
            await Read<DrillCountRow>(Drills));
    }

    /// <summary>The path of a tenant the caller may see; null when it is not in the caller's subtree.</summary>
    public Task<string?> PathOfAsync(DbSession session, string code) =>
        session.Connection.QuerySingleOrDefaultAsync<string?>(
            "select tenant_path::text from s_tenant where generation = (select generation from projection_state where id = 1) and tenant_code = @Code",
            new { Code = code }, session.Transaction);
}
