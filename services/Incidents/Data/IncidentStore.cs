using System.Data.Common;
using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Incidents.Domain;
using Npgsql;
using static Fenghuo.Incidents.Data.BatchParameters;

namespace Fenghuo.Incidents.Data;

/// <summary>Incidents and everything recorded about them. Row-level security decides what a caller sees.</summary>
public sealed class IncidentStore
{
    private const string Columns = """
        i.id as Id, i.tenant_code as TenantCode, i.tenant_path::text as TenantPath, i.number as Number,
        i.plan_version as PlanVersion, replace(i.state, '_', '') as State, replace(i.outcome, '_', '') as Outcome,
        replace(i.grade, '_', '') as Grade,
        i.capacity_exceeded as CapacityExceeded, i.recommended_level as RecommendedLevel,
        i.response_level as ResponseLevel, i.response_started_by as ResponseStartedBy,
        i.command_tenant as CommandTenant, i.escalated_to as EscalatedTo, i.category as Category,
        i.subcategory as Subcategory, i.occurred_at as OccurredAt, i.reported_at as ReportedAt,
        i.reported_by as ReportedBy, i.reporting_unit as ReportingUnit, i.occurring_unit as OccurringUnit,
        i.reporter as Reporter, i.reviewer as Reviewer, i.harms as Harms, i.description as Description,
        i.measures_taken as MeasuresTaken, i.consequence_estimate as ConsequenceEstimate,
        i.suggestions as Suggestions, i.location as Location, i.source as Source,
        i.affected_scope as AffectedScope, i.estimated_loss as EstimatedLoss, i.trend as Trend,
        i.review_summary as ReviewSummary, i.request_hash as RequestHash, i.exercise as Exercise, i.exercise_id as ExerciseId,
        i.inject_id as InjectId, i.drill_participants as DrillParticipants
        """;

    private const string NextNumber = """
        insert into incident_counter (tenant_code, series, year, last) values (@TenantCode, @Series, @Year, 1)
        on conflict (tenant_code, series, year) do update set last = incident_counter.last + 1
        returning @Prefix || '-' || @Year || '-' || lpad(last::text, greatest(4, length(last::text)), '0')
        """;

    private const string Insert = """
        insert into incident (id, tenant_code, tenant_path, number, plan_version, state, grade, recommended_level, command_tenant,
            category, subcategory, occurred_at, reported_at, reported_by, reporting_unit, occurring_unit, reporter,
            reviewer, harms, description, measures_taken, consequence_estimate, suggestions, location, source,
            affected_scope, estimated_loss, trend, idempotency_key, request_hash, updated_at,
            exercise, exercise_id, inject_id, drill_participants)
        values (@Id, @TenantCode, @TenantPath::ltree, @Number, @PlanVersion, 'reported', @Grade, @RecommendedLevel, @TenantCode,
            @Category, @Subcategory, @OccurredAt, @ReportedAt, @ReportedBy, @ReportingUnit, @OccurringUnit, @Reporter, @Reviewer,
            @Harms, @Description, @MeasuresTaken, @ConsequenceEstimate, @Suggestions, @Location, @Source, @AffectedScope,
            @EstimatedLoss, @Trend, @IdempotencyKey, @RequestHash, @ReportedAt,
            @Exercise, @ExerciseId, @InjectId, @DrillParticipants)
        """;

    // Statements with $n take their parameters by position: they run as commands of a batch (NpgsqlBatch).
    private const string Save = """
        update incident set state = $2, outcome = $3, grade = $4, capacity_exceeded = $5,
            recommended_level = $6, response_level = $7,
            response_started_by = $8, command_tenant = $9, escalated_to = $10,
            review_summary = $11, updated_at = $12
        where id = $1
        """;

    // An act numbers its entries itself: it holds the incident's row lock, and the lock's round trip read how many entries
    // the record had (LockAsync). Counting them on the incident row instead cost every entry a second version of that row.
    private const string AddTimeline = """
        insert into incident_timeline (incident_id, seq, at, act, actor, actor_tenant, summary, details, idempotency_key, request_hash)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        """;

    // Outside an act: the incident's row lock first, then, in a statement of its own that sees every entry committed
    // before the lock was granted, the next number. Numbers have no gaps and follow the order entries were committed in.
    private const string LockIncident = "select from incident where id = $1 for update";

    private const string AddNextTimeline = """
        insert into incident_timeline (incident_id, seq, at, act, actor, actor_tenant, summary, details, idempotency_key, request_hash)
        select $1, coalesce((select seq from incident_timeline where incident_id = $1 order by seq desc limit 1), 0) + 1,
            $3, $4, $5, $6, $7, $8, $9, $10
        """;

    private const string AddEscalation = """
        insert into incident_escalation (id, incident_id, kind, from_tenant, to_tenant, reason, automatic, by_phone, at, by)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        """;

    private const string AddInquiry = """
        insert into incident_inquiry (id, incident_id, from_tenant, to_tenant, question, asked_at, asked_by, answer_due_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8)
        """;

    private const string AddDeadline = """
        insert into incident_deadline (id, incident_id, tenant_code, incident_number, kind, inquiry_id, owed_by, due_at, status, source)
        values ($1, $2, $3, $4, $5, $6, $7, $8, 'due', $9)
        on conflict do nothing
        """;

    private const string MeetDeadline = """
        update incident_deadline set status = case when status = 'due' then 'met' else status end, met_at = $4
        where incident_id = $1 and kind = $2 and inquiry_id is not distinct from $3 and met_at is null
        """;

    private const string DropDueDeadlines = "delete from incident_deadline where incident_id = $1 and status = 'due'";

    private const string TimelineColumns =
        "seq as Seq, incident_id as IncidentId, at as At, act as Act, actor as Actor, actor_tenant as ActorTenant, summary as Summary";

    // A record's newest entry number, which is also how many entries it holds. Always as the first entry of a backward read
    // of incident_timeline_seq, never as max(seq): a prepared statement's generic plan for max() may aggregate over every
    // entry of the incident once the statistics say an incident has about one, and did in the bench, the read of a record
    // of 93 entries then taking 0.29 ms instead of 0.03 (bench/Incidents.Bench/README.md, seventh pass).
    private const string NewestEntryOf =
        "coalesce((select t.seq from incident_timeline t where t.incident_id = i.id order by t.seq desc limit 1), 0)";

    // The same for the incident named @Id; null when its record is empty.
    private const string NewestEntryOfId = "(select seq from incident_timeline where incident_id = @Id order by seq desc limit 1)";

    // Pages are ranges of entry numbers through incident_timeline_seq (incident_id, seq), newest first and one
    // more than a page so the page knows whether older entries remain. The range bounds the rows read whatever
    // plan is chosen: a plan that sorted a whole record would cost what the record's length costs.
    private const string NewestTimelineOf = $"""
        select {TimelineColumns} from incident_timeline
        where incident_id = @Id and seq > {NewestEntryOfId} - @Size - 1
        order by seq desc limit @Size + 1
        """;

    private const string TimelineBefore = $"""
        select {TimelineColumns} from incident_timeline
        where incident_id = @Id and seq < @Before
          and seq >= least(@Before, {NewestEntryOfId} + 1) - @Size - 1
        order by seq desc limit @Size + 1
        """;

    // The newest page of each of several incidents' records, given their counts.
    private const string NewestTimelinesOf = $"""
        select t.* from unnest(@Ids, @Totals) as x(incident_id, total)
        cross join lateral (
            select {TimelineColumns} from incident_timeline
            where incident_id = x.incident_id and seq > x.total - @Size - 1
            order by seq desc limit @Size + 1) t
        """;

    // The same newest page as a batch command's: $1 the incident, $2 the page size.
    private static readonly string NewestTimelineInBatch = NewestTimelineOf.Replace("@Id", "$1").Replace("@Size", "$2");

    // What an act's answer reads of the entries recorded before it: those after $2 up to $3, newest first.
    private const string RecordedTimelineInBatch = $"""
        select {TimelineColumns} from incident_timeline where incident_id = $1 and seq > $2 and seq <= $3 order by seq desc
        """;

    /// <summary>How many entries the newest page of a record holds, in the incident view and every act's answer.</summary>
    public const int NewestPageSize = 50;

    internal const string DeadlineColumns = """
        id as Id, incident_id as IncidentId, tenant_code as TenantCode, incident_number as IncidentNumber, replace(kind, '_', '') as Kind,
        inquiry_id as InquiryId, owed_by as OwedBy, due_at as DueAt, replace(status, '_', '') as Status, met_at as MetAt, source as Source
        """;

    private const string EscalationColumns = """
        id as Id, incident_id as IncidentId, replace(kind, '_', '') as Kind, from_tenant as FromTenant, to_tenant as ToTenant, reason as Reason,
        automatic as Automatic, by_phone as ByPhone, at as At, by as By, acknowledged_at as AcknowledgedAt, acknowledged_by as AcknowledgedBy
        """;

    private const string InquiryColumns = """
        id as Id, incident_id as IncidentId, from_tenant as FromTenant, to_tenant as ToTenant, question as Question,
        asked_at as AskedAt, asked_by as AskedBy, answer_due_at as AnswerDueAt, answer as Answer, answered_at as AnsweredAt,
        answered_by as AnsweredBy
        """;

    public async Task<Incident?> FindByIdempotencyKeyAsync(DbSession session, string key) =>
        await session.Connection.QuerySingleOrDefaultAsync<Incident>(
            $"select {Columns} from incident i where i.idempotency_key = @Key and i.tenant_code = @TenantCode",
            new { Key = key, TenantCode = session.Scope.Code }, session.Transaction);

    /// <summary>
    /// The next human number of a tenant's year (阳城-2026-0007). Callers take it in a transaction of
    /// its own: the counter row is then locked for one statement, not for a whole report, so one
    /// busy county's reports do not queue behind each other. A report that fails after this leaves a gap.
    /// </summary>
    public Task<string> NextNumberAsync(DbSession session, string tenantCode, string prefix, int year) =>
        session.Connection.QuerySingleAsync<string>(NextNumber, new { TenantCode = tenantCode, Series = "real", Prefix = prefix, Year = year }, session.Transaction);

    /// <summary>The next drill number of a tenant's year, in a series of its own (阳城-演练-2026-0001).</summary>
    public Task<string> NextDrillNumberAsync(DbSession session, string tenantCode, string prefix, int year) =>
        session.Connection.QuerySingleAsync<string>(NextNumber, new { TenantCode = tenantCode, Series = "drill", Prefix = prefix + "-演练", Year = year }, session.Transaction);

    public Task InsertAsync(DbSession session, NewIncident incident) =>
        session.Connection.ExecuteAsync(Insert, incident, session.Transaction);

    /// <summary>
    /// The incident, locked for this transaction's act, with whether the caller sees the plan version pinned to it
    /// and how many entries its record holds; null when the caller may not see the incident. The session's tenant
    /// is set in the same round trip, first, and the transaction begun there when the session's is not yet
    /// (<see cref="DbSession.Opening"/>).
    /// </summary>
    public async Task<(Incident Incident, bool PlanVisible, int Entries)?> LockAsync(DbSession session, Guid id)
    {
        // The count is its own statement, after the lock's: a statement that waited for the lock still reads with the
        // snapshot it began with, and would miss entries the act it waited for committed.
        using var reader = await session.Connection.QueryMultipleAsync($"""
            {session.Opening}
            select {Columns},
                   exists (select 1 from plan_rules p where p.tenant_code = i.tenant_code and p.version = i.plan_version) as PlanVisible
            from incident i where i.id = @Id for update of i;
            select coalesce({NewestEntryOfId}, 0)
            """, TenantDatabase.ScopeParameters(session.Scope, new { Id = id }), session.Transaction);
        await reader.ReadAsync();
        var locked = reader.Read<Incident, bool, (Incident, bool)>((incident, visible) => (incident, visible), splitOn: "PlanVisible").SingleOrDefault();
        var entries = await reader.ReadSingleAsync<int>();
        return locked.Item1 is null ? null : (locked.Item1, locked.Item2, entries);
    }

    public static NpgsqlBatchCommand SaveCommand(Incident incident, DateTimeOffset at) => new(Save)
    {
        Parameters =
        {
            Id(incident.Id), Text(EnumLabel.Of(incident.State)), Text(incident.Outcome is { } outcome ? EnumLabel.Of(outcome) : null),
            Text(EnumLabel.Of(incident.Grade)), Bool(incident.CapacityExceeded), Text(incident.RecommendedLevel), Text(incident.ResponseLevel),
            Text(incident.ResponseStartedBy), Text(incident.CommandTenant), Texts(incident.EscalatedTo), Text(incident.ReviewSummary), Time(at),
        },
    };

    /// <summary>An entry with the next number of its record, for a writer that does not hold the incident's lock: it takes it.</summary>
    public async Task AddTimelineAsync(DbSession session, TimelineEntry entry)
    {
        await using var batch = new NpgsqlBatch(session.Connection, session.Transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand(LockIncident) { Parameters = { Id(entry.IncidentId) } }, Timeline(AddNextTimeline, entry, 0) },
        };
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>The entry numbered <paramref name="seq"/> in its record, written by an act that holds the incident's lock.</summary>
    public static NpgsqlBatchCommand TimelineCommand(TimelineEntry entry, int seq) => Timeline(AddTimeline, entry, seq);

    private static NpgsqlBatchCommand Timeline(string sql, TimelineEntry entry, int seq) => new(sql)
    {
        Parameters =
        {
            Id(entry.IncidentId), Int(seq), Time(entry.At), Text(entry.Act), Text(entry.Actor), Text(entry.ActorTenant), Text(entry.Summary),
            Jsonb(JsonSerializer.Serialize(entry.Details ?? new { }, FenghuoJson.Options)), Text(entry.IdempotencyKey), Text(entry.RequestHash),
        },
    };

    /// <summary>The entry the caller's tenant made under this Idempotency-Key, if any (on an incident it still sees).</summary>
    public Task<IdempotentEntry?> FindEntryByIdempotencyKeyAsync(DbSession session, string key) =>
        session.Connection.QuerySingleOrDefaultAsync<IdempotentEntry>(
            "select incident_id as IncidentId, request_hash as RequestHash from incident_timeline where actor_tenant = @TenantCode and idempotency_key = @Key",
            new { Key = key, TenantCode = session.Scope.Code }, session.Transaction);

    public static NpgsqlBatchCommand EscalationCommand(EscalationRow escalation) => new(AddEscalation)
    {
        Parameters =
        {
            Id(escalation.Id), Id(escalation.IncidentId), Text(EnumLabel.Of(escalation.Kind)), Text(escalation.FromTenant), Text(escalation.ToTenant),
            Text(escalation.Reason), Bool(escalation.Automatic), Bool(escalation.ByPhone), Time(escalation.At), Text(escalation.By),
        },
    };

    /// <summary>Signs for every escalation to this tenant not yet signed for; returns how many.</summary>
    public Task<int> AcknowledgeAsync(DbSession session, Guid incidentId, string tenant, DateTimeOffset at, string by) =>
        session.Connection.ExecuteAsync("""
            update incident_escalation set acknowledged_at = @At, acknowledged_by = @By
            where incident_id = @IncidentId and to_tenant = @Tenant and acknowledged_at is null
            """, new { IncidentId = incidentId, Tenant = tenant, At = at, By = by }, session.Transaction);

    public static NpgsqlBatchCommand InquiryCommand(InquiryRow inquiry) => new(AddInquiry)
    {
        Parameters =
        {
            Id(inquiry.Id), Id(inquiry.IncidentId), Text(inquiry.FromTenant), Text(inquiry.ToTenant), Text(inquiry.Question),
            Time(inquiry.AskedAt), Text(inquiry.AskedBy), Time(inquiry.AnswerDueAt),
        },
    };

    public Task<InquiryRow?> FindInquiryAsync(DbSession session, Guid incidentId, Guid inquiryId) =>
        session.Connection.QuerySingleOrDefaultAsync<InquiryRow>(
            $"select {InquiryColumns} from incident_inquiry where incident_id = @IncidentId and id = @InquiryId for update",
            new { IncidentId = incidentId, InquiryId = inquiryId }, session.Transaction);

    public Task AnswerInquiryAsync(DbSession session, Guid inquiryId, string answer, DateTimeOffset at, string by) =>
        session.Connection.ExecuteAsync(
            "update incident_inquiry set answer = @Answer, answered_at = @At, answered_by = @By where id = @Id",
            new { Id = inquiryId, Answer = answer, At = at, By = by }, session.Transaction);

    public static NpgsqlBatchCommand DeadlineCommand(Incident incident, Clock clock) =>
        DeadlineCommand(incident.Id, incident.TenantCode, incident.Number, clock);

    public Task AddDeadlineAsync(DbSession session, Guid incidentId, string tenantCode, string number, Clock clock) =>
        ExecuteAsync(session, DeadlineCommand(incidentId, tenantCode, number, clock));

    private static NpgsqlBatchCommand DeadlineCommand(Guid incidentId, string tenantCode, string number, Clock clock) => new(AddDeadline)
    {
        Parameters =
        {
            Id(Guid.CreateVersion7()), Id(incidentId), Text(tenantCode), Text(number), Text(EnumLabel.Of(clock.Kind)), OptionalId(clock.InquiryId),
            Text(clock.OwedBy), Time(clock.DueAt), Text(clock.Source),
        },
    };

    /// <summary>
    /// Records that what a clock waited for was done; a missed clock stays missed but gets its time.
    /// Returns whether it was in time, or null when no such clock was running.
    /// </summary>
    public async Task<bool?> MeetDeadlineAsync(DbSession session, Guid incidentId, DeadlineKind kind, Guid? inquiryId, DateTimeOffset at)
    {
        await using var batch = new NpgsqlBatch(session.Connection, session.Transaction)
        {
            BatchCommands = { MeetDeadlineCommand(incidentId, kind, inquiryId, at, MeetDeadline + " returning status = 'met'") },
        };
        await using var reader = await batch.ExecuteReaderAsync();
        return await reader.ReadAsync() ? reader.GetBoolean(0) : null;
    }

    /// <summary>The same as <see cref="MeetDeadlineAsync"/>, for an act that does not ask whether the clock was met in time.</summary>
    public static NpgsqlBatchCommand MeetDeadlineCommand(Guid incidentId, DeadlineKind kind, Guid? inquiryId, DateTimeOffset at) =>
        MeetDeadlineCommand(incidentId, kind, inquiryId, at, MeetDeadline);

    private static NpgsqlBatchCommand MeetDeadlineCommand(Guid incidentId, DeadlineKind kind, Guid? inquiryId, DateTimeOffset at, string sql) => new(sql)
    {
        Parameters = { Id(incidentId), Text(EnumLabel.Of(kind)), OptionalId(inquiryId), Time(at) },
    };

    /// <summary>A false alarm or a transferred event owes nothing more.</summary>
    public static NpgsqlBatchCommand DropDueDeadlinesCommand(Guid incidentId) => new(DropDueDeadlines) { Parameters = { Id(incidentId) } };

    public Task<bool> HasEscalationAsync(DbSession session, Guid incidentId, string fromTenant, EscalationKind kind) =>
        session.Connection.ExecuteScalarAsync<bool>(
            "select exists (select 1 from incident_escalation where incident_id = @IncidentId and from_tenant = @FromTenant and kind = @Kind)",
            new { IncidentId = incidentId, FromTenant = fromTenant, Kind = EnumLabel.Of(kind) }, session.Transaction);

    /// <summary>While the upward report is still owed, its clock follows a regraded incident (or goes, if the new grade has none).</summary>
    public async Task RegradeReportUpwardAsync(DbSession session, Incident incident, Clock? clock)
    {
        await session.Connection.ExecuteAsync(
            "delete from incident_deadline where incident_id = @Id and kind = 'report_upward' and status = 'due'",
            new { incident.Id }, session.Transaction);
        var stillOwed = await session.Connection.ExecuteScalarAsync<bool>(
            "select not exists (select 1 from incident_deadline where incident_id = @Id and kind = 'report_upward')",
            new { incident.Id }, session.Transaction);
        if (clock is not null && stillOwed)
        {
            await ExecuteAsync(session, DeadlineCommand(incident, clock));
        }
    }

    /// <summary>The incident with everything recorded about it, as the caller sees it; null when it does not see it.</summary>
    /// <param name="first">
    /// Commands without results sent in the same round trip before the record is read (an act's deferred
    /// writes and its audit entry); an error in any of them is thrown here.
    /// </param>
    /// <param name="answer">For an act's answer: what of the record the act knows without reading it; null for the newest page.</param>
    /// <param name="last">A command without results sent after the reads, in the same round trip (the act's commit); an error in it is thrown here.</param>
    public async Task<IncidentRecord?> LoadAsync(
        DbSession session, Guid id, IReadOnlyList<NpgsqlBatchCommand>? first = null, AnswerPage? answer = null, NpgsqlBatchCommand? last = null)
    {
        await using var batch = new NpgsqlBatch(session.Connection, session.Transaction);
        foreach (var command in first ?? [])
        {
            batch.BatchCommands.Add(command);
        }
        var total = answer is null ? NewestEntryOf : "0";
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select {Columns}, {total} as TimelineEntries from incident i where i.id = $1") { Parameters = { Id(id) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select {DeadlineColumns} from incident_deadline where incident_id = $1 order by due_at, kind") { Parameters = { Id(id) } });
        var readsTimeline = answer is not { ReadsRecorded: false };
        if (readsTimeline)
        {
            batch.BatchCommands.Add(answer is null
                ? new NpgsqlBatchCommand(NewestTimelineInBatch) { Parameters = { Id(id), Int(NewestPageSize) } }
                : new NpgsqlBatchCommand(RecordedTimelineInBatch) { Parameters = { Id(id), Int(answer.Below), Int(answer.Recorded) } });
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select {EscalationColumns} from incident_escalation where incident_id = $1 order by at") { Parameters = { Id(id) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select {InquiryColumns} from incident_inquiry where incident_id = $1 order by asked_at") { Parameters = { Id(id) } });
        if (last is not null)
        {
            batch.BatchCommands.Add(last);
        }
        // Commands without results give the reader no result set: it starts at the incident's.
        await using var reader = await batch.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }
        var incident = reader.GetRowParser<Incident>(length: reader.FieldCount - 1)(reader);
        var entries = reader.GetInt32(reader.FieldCount - 1);
        var deadlines = await RowsAsync<DeadlineRow>(reader);
        var timeline = readsTimeline ? await RowsAsync<TimelineRow>(reader) : [];
        var escalations = await RowsAsync<EscalationRow>(reader);
        var inquiries = await RowsAsync<InquiryRow>(reader);
        // Past the last result set the reader runs what follows it: the commit's answer, or its error, is read here.
        await reader.NextResultAsync();
        var page = answer is null ? TimelinePage.FromNewestFirst(timeline, NewestPageSize, entries) : answer.Page(timeline);
        return new IncidentRecord(incident, deadlines, page, escalations, inquiries);
    }

    private static async Task<List<T>> RowsAsync<T>(DbDataReader reader)
    {
        await reader.NextResultAsync();
        var parse = reader.GetRowParser<T>();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(parse(reader));
        }
        return rows;
    }

    private static async Task<int> ExecuteAsync(DbSession session, NpgsqlBatchCommand command)
    {
        await using var batch = new NpgsqlBatch(session.Connection, session.Transaction) { BatchCommands = { command } };
        return await batch.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Up to <paramref name="size"/> entries recorded before the entry <paramref name="before"/> (or the newest), oldest first;
    /// null when the caller may not see the incident. Costs the same however long the record is.
    /// </summary>
    public async Task<TimelinePage?> TimelineAsync(DbSession session, Guid id, int? before, int size)
    {
        using var reader = await session.Connection.QueryMultipleAsync($"""
            select {NewestEntryOf} from incident i where i.id = @Id;
            {(before is null ? NewestTimelineOf : TimelineBefore)};
            """, new { Id = id, Before = before, Size = size }, session.Transaction);
        var total = await reader.ReadSingleOrDefaultAsync<int?>();
        return total is { } entries
            ? TimelinePage.FromNewestFirst((await reader.ReadAsync<TimelineRow>()).ToList(), size, entries)
            : null;
    }

    public async Task<IReadOnlyList<Incident>> ListOwnAsync(DbSession session, IncidentFilter filter) =>
        (await session.Connection.QueryAsync<Incident>($"""
            select {Columns} from incident i
            where i.tenant_code = @TenantCode
              and (@State::text is null or i.state = @State)
              and (@Grade::text is null or i.grade = @Grade)
              and (@Category::text is null or i.category = @Category)
              and (@From::timestamptz is null or i.occurred_at >= @From)
              and (@To::timestamptz is null or i.occurred_at < @To)
              and (@Drills = 'include' or i.exercise = (@Drills = 'only'))
            order by i.occurred_at desc, i.number desc
            limit @Limit
            """, new
            {
                TenantCode = session.Scope.Code, State = filter.State is { } state ? EnumLabel.Of(state) : null,
                Grade = filter.Grade is { } grade ? EnumLabel.Of(grade) : null, filter.Category, filter.From, filter.To, filter.Limit,
                Drills = EnumLabel.Of(filter.Drills),
            },
            session.Transaction)).ToList();

    /// <summary>Incidents escalated to the caller's tenant, newest escalation first, with those escalations and whether every one was signed for.</summary>
    public async Task<IReadOnlyList<EscalatedIncident>> EscalatedToAsync(DbSession session, string tenant, int limit, DrillFilter drills)
    {
        var rows = (await session.Connection.QueryAsync<Incident, EscalationSummary, EscalatedIncident>($"""
            select {Columns}, max(e.at) as LastEscalatedAt, bool_and(e.acknowledged_at is not null) as Acknowledged,
                   (array_agg(e.from_tenant order by e.at))[1] as FromTenant,
                   {NewestEntryOf} as TimelineEntries
            from incident_escalation e join incident i on i.id = e.incident_id
            where e.to_tenant = @Tenant and (@Drills = 'include' or i.exercise = (@Drills = 'only'))
            group by i.id
            order by max(e.at) desc
            limit @Limit
            """, (incident, escalation) => new EscalatedIncident(incident, escalation, new TimelinePage([], 0, null), []),
            new { Tenant = tenant, Limit = limit, Drills = EnumLabel.Of(drills) }, session.Transaction, splitOn: "LastEscalatedAt")).ToList();
        var ids = rows.Select(r => r.Incident.Id).ToArray();
        // A command's board reads this every second: each record's newest page, as the incident view carries it.
        var totals = rows.Select(r => r.Escalation.TimelineEntries).ToArray();
        var timelines = (await session.Connection.QueryAsync<TimelineRow>(NewestTimelinesOf, new { Ids = ids, Totals = totals, Size = NewestPageSize }, session.Transaction))
            .ToLookup(t => t.IncidentId);
        // Only what was sent to this command: what it sent further up, or a sibling command received, is not its inbox.
        var escalations = (await session.Connection.QueryAsync<EscalationRow>($"""
            select {EscalationColumns} from incident_escalation where incident_id = any(@Ids) and to_tenant = @Tenant order by at
            """, new { Ids = ids, Tenant = tenant }, session.Transaction)).ToLookup(e => e.IncidentId);
        return rows.Select(r => r with
        {
            Timeline = TimelinePage.FromNewestFirst(timelines[r.Incident.Id].ToList(), NewestPageSize, r.Escalation.TimelineEntries),
            Escalations = escalations[r.Incident.Id].ToList(),
        }).ToList();
    }

    /// <summary>Counts of every real incident in the caller's subtree, whether or not escalated: numbers, never contents; drills never count.</summary>
    public Task<IReadOnlyList<IncidentCount>> SubtreeCountsAsync(DbSession session) =>
        TenantDatabase.WidenedAsync<IReadOnlyList<IncidentCount>>(session, RlsWidening.Tally, async () =>
            (await session.Connection.QueryAsync<IncidentCount>("""
                select tenant_code as Tenant, replace(state, '_', '') as State, replace(grade, '_', '') as Grade, count(*) as Count from incident
                where tenant_path <@ nullif(@Path, '')::ltree and not exercise
                group by tenant_code, state, grade order by tenant_code, state, grade
                """, new { session.Scope.Path }, session.Transaction)).ToList());
}
