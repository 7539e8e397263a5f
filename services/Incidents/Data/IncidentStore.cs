using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Incidents.Domain;

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

    private const string Save = """
        update incident set state = @State, outcome = @Outcome, grade = @Grade, capacity_exceeded = @CapacityExceeded,
            recommended_level = @RecommendedLevel, response_level = @ResponseLevel,
            response_started_by = @ResponseStartedBy, command_tenant = @CommandTenant, escalated_to = @EscalatedTo,
            review_summary = @ReviewSummary, updated_at = @UpdatedAt
        where id = @Id
        """;

    // The entry takes the next number of its record from the incident's count, in the same statement and
    // under the incident's row lock, so numbers have no gaps and follow the order entries were committed in.
    private const string AddTimeline = """
        with counted as (
            update incident set timeline_entries = timeline_entries + 1 where id = @IncidentId returning timeline_entries)
        insert into incident_timeline (incident_id, seq, at, act, actor, actor_tenant, summary, details, idempotency_key, request_hash)
        select @IncidentId, counted.timeline_entries, @At, @Act, @Actor, @ActorTenant, @Summary, @Details::jsonb, @IdempotencyKey, @RequestHash
        from counted
        """;

    private const string AddEscalation = """
        insert into incident_escalation (id, incident_id, kind, from_tenant, to_tenant, reason, automatic, by_phone, at, by)
        values (@Id, @IncidentId, @Kind, @FromTenant, @ToTenant, @Reason, @Automatic, @ByPhone, @At, @By)
        """;

    private const string AddInquiry = """
        insert into incident_inquiry (id, incident_id, from_tenant, to_tenant, question, asked_at, asked_by, answer_due_at)
        values (@Id, @IncidentId, @FromTenant, @ToTenant, @Question, @AskedAt, @AskedBy, @AnswerDueAt)
        """;

    private const string AddDeadline = """
        insert into incident_deadline (id, incident_id, tenant_code, incident_number, kind, inquiry_id, owed_by, due_at, status, source)
        values (@Id, @IncidentId, @TenantCode, @IncidentNumber, @Kind, @InquiryId, @OwedBy, @DueAt, 'due', @Source)
        on conflict do nothing
        """;

    private const string TimelineColumns =
        "seq as Seq, incident_id as IncidentId, at as At, act as Act, actor as Actor, actor_tenant as ActorTenant, summary as Summary";

    // Pages are ranges of entry numbers through incident_timeline_seq (incident_id, seq), newest first and one
    // more than a page so the page knows whether older entries remain. The range bounds the rows read whatever
    // plan is chosen: a plan that sorted a whole record would cost what the record's length costs.
    private const string NewestTimelineOf = $"""
        select {TimelineColumns} from incident_timeline
        where incident_id = @Id and seq > (select timeline_entries from incident where id = @Id) - @Size - 1
        order by seq desc limit @Size + 1
        """;

    private const string TimelineBefore = $"""
        select {TimelineColumns} from incident_timeline
        where incident_id = @Id and seq < @Before
          and seq >= least(@Before, (select timeline_entries from incident where id = @Id) + 1) - @Size - 1
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
    /// The incident, locked for this transaction's act, with whether the caller sees the plan version
    /// pinned to it; null when the caller may not see the incident. The session's tenant is set in the
    /// same round trip, first (<see cref="TenantDatabase.InScopedTransactionAsync{T}"/>).
    /// </summary>
    public async Task<(Incident Incident, bool PlanVisible)?> LockAsync(DbSession session, Guid id)
    {
        using var reader = await session.Connection.QueryMultipleAsync($"""
            {TenantDatabase.ScopeStatement}
            select {Columns},
                   exists (select 1 from plan_rules p where p.tenant_code = i.tenant_code and p.version = i.plan_version) as PlanVisible
            from incident i where i.id = @Id for update of i
            """, TenantDatabase.ScopeParameters(session.Scope, new { Id = id }), session.Transaction);
        await reader.ReadAsync();
        var rows = reader.Read<Incident, bool, (Incident, bool)>((incident, visible) => (incident, visible), splitOn: "PlanVisible");
        return rows.Cast<(Incident, bool)?>().SingleOrDefault();
    }

    public Task SaveAsync(DbSession session, Incident incident, DateTimeOffset at) =>
        session.Connection.ExecuteAsync(Save, new
        {
            incident.Id, State = EnumLabel.Of(incident.State), Outcome = incident.Outcome is { } outcome ? EnumLabel.Of(outcome) : null,
            Grade = EnumLabel.Of(incident.Grade), incident.CapacityExceeded,
            incident.RecommendedLevel, incident.ResponseLevel, incident.ResponseStartedBy, incident.CommandTenant,
            incident.EscalatedTo, incident.ReviewSummary, UpdatedAt = at,
        }, session.Transaction);

    public async Task AddTimelineAsync(DbSession session, TimelineEntry entry)
    {
        var written = await session.Connection.ExecuteAsync(AddTimeline, new
        {
            entry.IncidentId, entry.At, entry.Act, entry.Actor, entry.ActorTenant, entry.Summary,
            Details = JsonSerializer.Serialize(entry.Details ?? new { }, FenghuoJson.Options),
            entry.IdempotencyKey, entry.RequestHash,
        }, session.Transaction);
        if (written != 1)
        {
            // Only on an incident the session cannot see, which every caller has read or locked first.
            throw new InvalidOperationException($"No timeline entry written on incident {entry.IncidentId}: the session does not see it");
        }
    }

    /// <summary>The entry the caller's tenant made under this Idempotency-Key, if any (on an incident it still sees).</summary>
    public Task<IdempotentEntry?> FindEntryByIdempotencyKeyAsync(DbSession session, string key) =>
        session.Connection.QuerySingleOrDefaultAsync<IdempotentEntry>(
            "select incident_id as IncidentId, request_hash as RequestHash from incident_timeline where actor_tenant = @TenantCode and idempotency_key = @Key",
            new { Key = key, TenantCode = session.Scope.Code }, session.Transaction);

    public Task AddEscalationAsync(DbSession session, EscalationRow escalation) =>
        session.Connection.ExecuteAsync(AddEscalation, new
        {
            escalation.Id, escalation.IncidentId, Kind = EnumLabel.Of(escalation.Kind), escalation.FromTenant, escalation.ToTenant,
            escalation.Reason, escalation.Automatic, escalation.ByPhone, escalation.At, escalation.By,
        }, session.Transaction);

    /// <summary>Signs for every escalation to this tenant not yet signed for; returns how many.</summary>
    public Task<int> AcknowledgeAsync(DbSession session, Guid incidentId, string tenant, DateTimeOffset at, string by) =>
        session.Connection.ExecuteAsync("""
            update incident_escalation set acknowledged_at = @At, acknowledged_by = @By
            where incident_id = @IncidentId and to_tenant = @Tenant and acknowledged_at is null
            """, new { IncidentId = incidentId, Tenant = tenant, At = at, By = by }, session.Transaction);

    public Task AddInquiryAsync(DbSession session, InquiryRow inquiry) =>
        session.Connection.ExecuteAsync(AddInquiry, inquiry, session.Transaction);

    public Task<InquiryRow?> FindInquiryAsync(DbSession session, Guid incidentId, Guid inquiryId) =>
        session.Connection.QuerySingleOrDefaultAsync<InquiryRow>(
            $"select {InquiryColumns} from incident_inquiry where incident_id = @IncidentId and id = @InquiryId for update",
            new { IncidentId = incidentId, InquiryId = inquiryId }, session.Transaction);

    public Task AnswerInquiryAsync(DbSession session, Guid inquiryId, string answer, DateTimeOffset at, string by) =>
        session.Connection.ExecuteAsync(
            "update incident_inquiry set answer = @Answer, answered_at = @At, answered_by = @By where id = @Id",
            new { Id = inquiryId, Answer = answer, At = at, By = by }, session.Transaction);

    public Task AddDeadlineAsync(DbSession session, Incident incident, Clock clock) =>
        AddDeadlineAsync(session, incident.Id, incident.TenantCode, incident.Number, clock);

    public Task AddDeadlineAsync(DbSession session, Guid incidentId, string tenantCode, string number, Clock clock) =>
        session.Connection.ExecuteAsync(AddDeadline, new
        {
            Id = Guid.CreateVersion7(), IncidentId = incidentId, TenantCode = tenantCode, IncidentNumber = number,
            Kind = EnumLabel.Of(clock.Kind), clock.InquiryId, clock.OwedBy, clock.DueAt, clock.Source,
        }, session.Transaction);

    /// <summary>
    /// Records that what a clock waited for was done; a missed clock stays missed but gets its time.
    /// Returns whether it was in time, or null when no such clock was running.
    /// </summary>
    public Task<bool?> MeetDeadlineAsync(DbSession session, Guid incidentId, DeadlineKind kind, Guid? inquiryId, DateTimeOffset at) =>
        session.Connection.QuerySingleOrDefaultAsync<bool?>("""
            update incident_deadline set status = case when status = 'due' then 'met' else status end, met_at = @At
            where incident_id = @IncidentId and kind = @Kind and inquiry_id is not distinct from @InquiryId and met_at is null
            returning status = 'met'
            """, new { IncidentId = incidentId, Kind = EnumLabel.Of(kind), InquiryId = inquiryId, At = at }, session.Transaction);

    /// <summary>A false alarm or a transferred event owes nothing more.</summary>
    public Task DropDueDeadlinesAsync(DbSession session, Guid incidentId) =>
        session.Connection.ExecuteAsync(
            "delete from incident_deadline where incident_id = @IncidentId and status = 'due'", new { IncidentId = incidentId }, session.Transaction);

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
            await AddDeadlineAsync(session, incident, clock);
        }
    }

    /// <param name="auditFirst">An act's audit entry, appended in the same round trip before the record is read.</param>
    public async Task<IncidentRecord?> LoadAsync(DbSession session, Guid id, AuditEntry? auditFirst = null)
    {
        var parameters = new DynamicParameters(new { Id = id });
        if (auditFirst is not null)
        {
            AuditTrail.AddParameters(parameters, auditFirst);
        }
        parameters.AddDynamicParams(new { Size = NewestPageSize });
        using var reader = await session.Connection.QueryMultipleAsync($"""
            {(auditFirst is null ? "" : AuditTrail.AppendStatement)}
            select {Columns}, i.timeline_entries as TimelineEntries from incident i where i.id = @Id;
            select {DeadlineColumns} from incident_deadline where incident_id = @Id order by due_at, kind;
            {NewestTimelineOf};
            select {EscalationColumns} from incident_escalation where incident_id = @Id order by at;
            select {InquiryColumns} from incident_inquiry where incident_id = @Id order by asked_at;
            """, parameters, session.Transaction);
        var found = reader.Read<Incident, int, (Incident Incident, int Entries)>((incident, entries) => (incident, entries), splitOn: "TimelineEntries")
            .Cast<(Incident Incident, int Entries)?>().SingleOrDefault();
        if (found is not var (incident, entries))
        {
            return null;
        }
        return new IncidentRecord(
            incident,
            (await reader.ReadAsync<DeadlineRow>()).ToList(),
            TimelinePage.FromNewestFirst((await reader.ReadAsync<TimelineRow>()).ToList(), NewestPageSize, entries),
            (await reader.ReadAsync<EscalationRow>()).ToList(),
            (await reader.ReadAsync<InquiryRow>()).ToList());
    }

    /// <summary>
    /// Up to <paramref name="size"/> entries recorded before the entry <paramref name="before"/> (or the newest), oldest first;
    /// null when the caller may not see the incident. Costs the same however long the record is.
    /// </summary>
    public async Task<TimelinePage?> TimelineAsync(DbSession session, Guid id, int? before, int size)
    {
        using var reader = await session.Connection.QueryMultipleAsync($"""
            select timeline_entries from incident where id = @Id;
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
                   (array_agg(e.from_tenant order by e.at))[1] as FromTenant, i.timeline_entries as TimelineEntries
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
