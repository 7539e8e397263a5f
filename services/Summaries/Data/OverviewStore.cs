using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Summaries.Domain;

namespace Fenghuo.Summaries.Data;

/// <summary>
/// The overview's reads, per tenant so the tree adds them up in memory. Incidents and met clocks come
/// from the tallies (whole months and days, see <see cref="TallyCover"/>) and, for a partial first or
/// last day, from the rows; clocks still unmet come from their rows, since whether they are open or
/// missed depends on the moment asked. Row-level security limits every statement to the caller's
/// subtree; <c>@Root</c> narrows it to a node of it.
/// </summary>
public sealed class OverviewStore
{
    private const string InForce = "generation = (select generation from projection_state where id = 1) and tenant_path <@ @Root::ltree";

    private const string Tenants = $"""
        select tenant_code as Code, tenant_path::text as Path, name as Name, kind as Kind, parent_code as ParentCode
        from s_tenant where {InForce} order by tenant_path
        """;

    private const string TallyBuckets = """
        (span = 'month' and bucket >= @MonthsFrom::date and bucket < @MonthsTo::date
         or span = 'day' and (bucket >= @DaysFrom::date and bucket < @DaysTo::date or bucket >= @LateDaysFrom::date and bucket < @LateDaysTo::date))
        """;

    private static string InEdges(string column) =>
        $"({column} >= @EdgeFrom and {column} < @EdgeTo or {column} >= @LateEdgeFrom and {column} < @LateEdgeTo)";

    private const string IncidentTallies = $"""
        select tenant_code as TenantCode, bucket as Bucket, real as Real, drills as Drills, counts::text as Counts, ack_minutes::text as AckMinutes
        from s_incident_tally where {InForce} and {TallyBuckets}
        """;

    private static readonly string EdgeIncidents = $"""
        select tenant_code as TenantCode, china_day(reported_at) as Day, exercise as Exercise, grade as Grade, category as Category, state as State,
               response_level as ResponseLevel, count(*) as Count
        from s_incident where {InForce} and {InEdges("reported_at")}
        group by 1, 2, 3, 4, 5, 6, 7
        """;

    private static readonly string EdgeAcknowledgements = $"""
        select tenant_code as TenantCode, greatest(0, ceil(extract(epoch from first_ack_at - reported_at) / 60))::bigint as Minutes, count(*) as Count
        from s_incident where {InForce} and not exercise and {InEdges("reported_at")} and first_ack_at is not null
        group by 1, 2
        """;

    private const string ClockTallies = $"""
        select tenant_code as TenantCode, kind as Kind, met as Met, late_minutes::text as LateMinutes
        from s_clock_tally where {InForce} and {TallyBuckets}
        """;

    private const string Standing = """
        case when met_at is not null and met_at <= due_at and not missed then 'met'
             when missed or met_at > due_at or (met_at is null and due_at <= @Now) then 'missed'
             else 'open' end
        """;

    private const string Late = "greatest(0, ceil(extract(epoch from coalesce(met_at, @Now) - due_at) / 60))::bigint";

    private static string ClockCounts(string which) => $"""
        select tenant_code as TenantCode, kind as Kind, standing as Standing, minutes_late as MinutesLate, count(*) as Count
        from (select tenant_code, kind, {Standing} as standing,
                     case when {Standing} = 'missed' then {Late} else 0 end as minutes_late
              from s_clock where {InForce} and not exercise and {which}) c
        group by tenant_code, kind, standing, minutes_late
        """;

    private static readonly string EdgeClocks = ClockCounts($"met_at is not null and {InEdges("due_at")}");

    private static readonly string UnmetClocks = ClockCounts("met_at is null and due_at >= @From and due_at < @To");

    private const string LateClock = $"select number as Number, tenant_code as TenantCode, kind as Kind, due_at as DueAt, met_at as MetAt, {Late} as MinutesLate";

    // The latest met clocks: only those at least @Least minutes late (the tallies tell how late the
    // worst offenders are), so they come off the lateness index whatever the planner guesses of the
    // subtree; the unmet ones are few.
    private const string Latest = $"""
        select * from (
            ({LateClock} from s_clock
             where {InForce} and not exercise and met_at is not null and due_at >= @From and due_at < @To and (missed or met_at > due_at)
               and met_minutes_late >= @Least
             order by met_minutes_late desc, due_at limit @Worst)
            union all
            ({LateClock} from s_clock
             where {InForce} and not exercise and met_at is null and due_at >= @From and due_at < @To and (missed or due_at <= @Now)
             order by due_at limit @Worst)) w
        order by MinutesLate desc, DueAt limit @Worst
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

    public async Task<OverviewRows> ReadAsync(DbSession session, string root, Period period, TallyCover cover, DateTimeOffset now,
        DateTimeOffset yearStart, DateTimeOffset yearEnd, int worst)
    {
        static DateTime Day(DateOnly day) => day.ToDateTime(TimeOnly.MinValue);
        var p = new
        {
            Root = root, period.From, period.To, Now = now, YearStart = yearStart, YearEnd = yearEnd, Worst = worst,
            MonthsFrom = Day(cover.MonthsFrom), MonthsTo = Day(cover.MonthsTo),
            DaysFrom = Day(cover.DaysFrom), DaysTo = Day(cover.DaysTo), LateDaysFrom = Day(cover.LateDaysFrom), LateDaysTo = Day(cover.LateDaysTo),
            cover.EdgeFrom, cover.EdgeTo, cover.LateEdgeFrom, cover.LateEdgeTo,
        };
        async Task<IReadOnlyList<T>> Read<T>(string sql, object? parameters = null) =>
            (await session.Connection.QueryAsync<T>(sql, parameters ?? p, session.Transaction)).AsList();
        var clockTallies = await Read<ClockTallyRow>(ClockTallies);
        var edgeClocks = await Read<ClockCountRow>(EdgeClocks);
        var latest = await Read<LateClockRow>(Latest, new
        {
            Root = root, period.From, period.To, Now = now, Worst = worst,
            Least = LeastLateOfTheWorst(clockTallies, edgeClocks, worst),
        });
        return new OverviewRows(
            await Read<TenantRow>(Tenants),
            await Read<IncidentTallyRow>(IncidentTallies),
            await Read<IncidentCountRow>(EdgeIncidents),
            await Read<AcknowledgementRow>(EdgeAcknowledgements),
            clockTallies,
            [.. edgeClocks, .. await Read<ClockCountRow>(UnmetClocks)],
            latest,
            await Read<WarningCountRow>(Warnings),
            await Read<PlanRow>(Plans),
            await Read<DrillCountRow>(Drills));
    }

    /// <summary>
    /// How many minutes late the <paramref name="worst"/>th latest met clock of the period is (or the
    /// least late of them, when fewer were met late), from the tallies' histograms and the partial
    /// days' rows; with none met late, more than any clock can be, so the query reads nothing.
    /// </summary>
    private static long LeastLateOfTheWorst(IEnumerable<ClockTallyRow> tallies, IEnumerable<ClockCountRow> edges, int worst)
    {
        var late = new SortedDictionary<long, long>(Comparer<long>.Create((a, b) => b.CompareTo(a)));
        foreach (var tally in tallies)
        {
            CountMap.Read(tally.LateMinutes, (minutes, count) =>
            {
                var m = long.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture);
                late[m] = late.GetValueOrDefault(m) + count;
            });
        }
        foreach (var edge in edges.Where(e => e.Standing == "missed"))
        {
            late[edge.MinutesLate] = late.GetValueOrDefault(edge.MinutesLate) + edge.Count;
        }
        long seen = 0;
        foreach (var (minutes, count) in late)
        {
            seen += count;
            if (seen >= worst)
            {
                return minutes;
            }
        }
        return late.Count > 0 ? late.Keys.Last() : long.MaxValue;
    }

    /// <summary>The path of a tenant the caller may see; null when it is not in the caller's subtree.</summary>
    public Task<string?> PathOfAsync(DbSession session, string code) =>
        session.Connection.QuerySingleOrDefaultAsync<string?>(
            "select tenant_path::text from s_tenant where generation = (select generation from projection_state where id = 1) and tenant_code = @Code",
            new { Code = code }, session.Transaction);
}
