using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Exercises.Domain;

namespace Fenghuo.Exercises.Data;

/// <summary>Exercises and everything recorded about them. Row-level security decides what a caller sees.</summary>
public sealed class ExerciseStore
{
    internal const string Columns = """
        x.id as Id, x.tenant_code as TenantCode, x.tenant_path::text as TenantPath, x.title as Title,
        replace(x.kind, '_', '') as Kind, x.scenario as Scenario, x.objectives as Objectives,
        x.scheduled_start as ScheduledStart, x.scheduled_end as ScheduledEnd, x.participants as Participants,
        x.state as State, x.planned_at as PlannedAt, x.planned_by as PlannedBy, x.started_at as StartedAt,
        x.started_by as StartedBy, x.ended_at as EndedAt, x.ended_by as EndedBy, x.evaluated_at as EvaluatedAt,
        x.evaluated_by as EvaluatedBy, x.evaluation_summary as EvaluationSummary, x.request_hash as RequestHash
        """;

    internal const string InjectColumns = """
        id as Id, exercise_id as ExerciseId, position as Position, offset_minutes as OffsetMinutes, target as Target,
        title as Title, content as Content, expected_action as ExpectedAction, drill_incident::text as DrillIncidentJson,
        due_at as DueAt, delivered_at as DeliveredAt, response as Response, responded_at as RespondedAt, responded_by as RespondedBy
        """;

    private const string ParticipantColumns = """
        exercise_id as ExerciseId, tenant_code as TenantCode, tenant_path::text as TenantPath, tenant_name as TenantName, completed_at as CompletedAt
        """;

    private const string DrillIncidentColumns = """
        incident_id as IncidentId, exercise_id as ExerciseId, inject_id as InjectId, tenant_code as TenantCode, number as Number,
        replace(grade, '_', '') as Grade, category as Category, reported_at as ReportedAt,
        report_due_at as ReportDueAt, report_owed_by as ReportOwedBy
        """;

    private const string ClockColumns = """
        deadline_id as DeadlineId, exercise_id as ExerciseId, inject_id as InjectId, incident_id as IncidentId, number as Number,
        replace(kind, '_', '') as Kind, owed_by as OwedBy, due_at as DueAt, met_at as MetAt, met as Met
        """;

    private const string FindingColumns = """
        id as Id, exercise_id as ExerciseId, title as Title, severity as Severity, owner_tenant as OwnerTenant,
        due_on::timestamp as DueOnDate, plan_section as PlanSection, state as State, opened_at as OpenedAt, closed_at as ClosedAt,
        closed_by as ClosedBy, closing_note as ClosingNote, revision_requested_at as RevisionRequestedAt,
        revision_requested_by as RevisionRequestedBy
        """;

    private const string HistoryColumns = """
        exercise_id as ExerciseId, at as At, act as Act, actor as Actor, actor_tenant as ActorTenant, summary as Summary
        """;

    private const string Insert = """
        insert into exercise (id, tenant_code, tenant_path, title, kind, scenario, objectives, scheduled_start, scheduled_end,
            participants, state, planned_at, planned_by, idempotency_key, request_hash, updated_at)
        values (@Id, @TenantCode, @TenantPath::ltree, @Title, @Kind, @Scenario, @Objectives, @ScheduledStart, @ScheduledEnd,
            @Participants, 'planned', @PlannedAt, @PlannedBy, @IdempotencyKey, @RequestHash, @PlannedAt)
        """;

    public Task InsertAsync(DbSession session, Exercise exercise, string? idempotencyKey) =>
        session.Connection.ExecuteAsync(Insert, new
        {
            exercise.Id, exercise.TenantCode, exercise.TenantPath, exercise.Title, Kind = EnumLabel.Of(exercise.Kind), exercise.Scenario,
            exercise.Objectives, exercise.ScheduledStart, exercise.ScheduledEnd, exercise.Participants, exercise.PlannedAt, exercise.PlannedBy,
            IdempotencyKey = idempotencyKey, exercise.RequestHash,
        }, session.Transaction);

    public Task AddParticipantsAsync(DbSession session, Guid exerciseId, IEnumerable<(string Code, string Path, string Name)> tenants) =>
        session.Connection.ExecuteAsync("""
            insert into exercise_participant (exercise_id, tenant_code, tenant_path, tenant_name) values (@ExerciseId, @Code, @Path::ltree, @Name)
            """, tenants.Select(t => new { ExerciseId = exerciseId, t.Code, t.Path, t.Name }), session.Transaction);

    public Task AddInjectsAsync(DbSession session, IEnumerable<Inject> injects) =>
        session.Connection.ExecuteAsync("""
            insert into exercise_inject (id, exercise_id, position, offset_minutes, target, title, content, expected_action, drill_incident)
            values (@Id, @ExerciseId, @Position, @OffsetMinutes, @Target, @Title, @Content, @ExpectedAction, @DrillIncidentJson::jsonb)
            """, injects, session.Transaction);

    public Task<Exercise?> FindByIdempotencyKeyAsync(DbSession session, string key) =>
        session.Connection.QuerySingleOrDefaultAsync<Exercise>(
            $"select {Columns} from exercise x where x.idempotency_key = @Key and x.tenant_code = @TenantCode",
            new { Key = key, TenantCode = session.Scope.Code }, session.Transaction);

    /// <summary>The exercise, locked for this transaction's act; null when the caller may not see it.</summary>
    public Task<Exercise?> LockAsync(DbSession session, Guid id) =>
        session.Connection.QuerySingleOrDefaultAsync<Exercise>($"select {Columns} from exercise x where x.id = @Id for update", new { Id = id }, session.Transaction);

    public Task SaveAsync(DbSession session, Exercise exercise, DateTimeOffset at) =>
        session.Connection.ExecuteAsync("""
            update exercise set state = @State, started_at = @StartedAt, started_by = @StartedBy, ended_at = @EndedAt, ended_by = @EndedBy,
                evaluated_at = @EvaluatedAt, evaluated_by = @EvaluatedBy, evaluation_summary = @EvaluationSummary, updated_at = @At
            where id = @Id
            """, new
        {
            exercise.Id, State = EnumLabel.Of(exercise.State), exercise.StartedAt, exercise.StartedBy, exercise.EndedAt, exercise.EndedBy,
            exercise.EvaluatedAt, exercise.EvaluatedBy, exercise.EvaluationSummary, At = at,
        }, session.Transaction);

    /// <summary>Sets each inject's delivery time from the actual start.</summary>
    public Task ScheduleInjectsAsync(DbSession session, Guid exerciseId, DateTimeOffset startedAt) =>
        session.Connection.ExecuteAsync(
            "update exercise_inject set due_at = @StartedAt + make_interval(mins => offset_minutes) where exercise_id = @ExerciseId",
            new { ExerciseId = exerciseId, StartedAt = startedAt }, session.Transaction);

    public Task<Inject?> InjectAsync(DbSession session, Guid exerciseId, Guid injectId) =>
        session.Connection.QuerySingleOrDefaultAsync<Inject>(
            $"select {InjectColumns} from exercise_inject where exercise_id = @ExerciseId and id = @InjectId for update",
            new { ExerciseId = exerciseId, InjectId = injectId }, session.Transaction);

    public Task RespondAsync(DbSession session, Guid injectId, string response, DateTimeOffset at, string by) =>
        session.Connection.ExecuteAsync(
            "update exercise_inject set response = @Response, responded_at = @At, responded_by = @By where id = @Id",
            new { Id = injectId, Response = response, At = at, By = by }, session.Transaction);

    public Task CompleteParticipantsAsync(DbSession session, Guid exerciseId, DateTimeOffset at) =>
        session.Connection.ExecuteAsync("update exercise_participant set completed_at = @At where exercise_id = @ExerciseId",
            new { ExerciseId = exerciseId, At = at }, session.Transaction);

    public Task AddFindingsAsync(DbSession session, IEnumerable<Finding> findings) =>
        session.Connection.ExecuteAsync("""
            insert into exercise_finding (id, exercise_id, title, severity, owner_tenant, due_on, plan_section, state, opened_at)
            values (@Id, @ExerciseId, @Title, @Severity, @OwnerTenant, @DueOn::date, @PlanSection, 'open', @OpenedAt)
            """, findings.Select(f => new
        {
            f.Id, f.ExerciseId, f.Title, Severity = EnumLabel.Of(f.Severity), f.OwnerTenant, DueOn = f.DueOnDate, f.PlanSection, f.OpenedAt,
        }), session.Transaction);

    public Task<Finding?> FindingAsync(DbSession session, Guid exerciseId, Guid findingId) =>
        session.Connection.QuerySingleOrDefaultAsync<Finding>(
            $"select {FindingColumns} from exercise_finding where exercise_id = @ExerciseId and id = @FindingId for update",
            new { ExerciseId = exerciseId, FindingId = findingId }, session.Transaction);

    public Task CloseFindingAsync(DbSession session, Guid findingId, string? note, DateTimeOffset at, string by) =>
        session.Connection.ExecuteAsync(
            "update exercise_finding set state = 'closed', closed_at = @At, closed_by = @By, closing_note = @Note where id = @Id",
            new { Id = findingId, Note = note, At = at, By = by }, session.Transaction);

    public Task RequestRevisionAsync(DbSession session, Guid findingId, DateTimeOffset at, string by) =>
        session.Connection.ExecuteAsync(
            "update exercise_finding set revision_requested_at = @At, revision_requested_by = @By where id = @Id",
            new { Id = findingId, At = at, By = by }, session.Transaction);

    public Task AddHistoryAsync(DbSession session, HistoryRow entry) =>
        session.Connection.ExecuteAsync("""
            insert into exercise_history (exercise_id, at, act, actor, actor_tenant, summary)
            values (@ExerciseId, @At, @Act, @Actor, @ActorTenant, @Summary)
            """, entry, session.Transaction);

    /// <summary>Records the drill incident an inject opened; a redelivered report changes nothing.</summary>
    public Task AddDrillIncidentAsync(DbSession session, DrillIncidentRow row) =>
        session.Connection.ExecuteAsync("""
            insert into drill_incident (incident_id, exercise_id, inject_id, tenant_code, number, grade, category, reported_at,
                report_due_at, report_owed_by)
            values (@IncidentId, @ExerciseId, @InjectId, @TenantCode, @Number, @Grade, @Category, @ReportedAt, @ReportDueAt, @ReportOwedBy)
            on conflict do nothing
            """, new
        {
            row.IncidentId, row.ExerciseId, row.InjectId, row.TenantCode, row.Number, Grade = EnumLabel.Of(row.Grade), row.Category, row.ReportedAt,
            row.ReportDueAt, row.ReportOwedBy,
        },
            session.Transaction);

    /// <summary>A clock's latest outcome: a miss later met keeps met = false but gains its time.</summary>
    public Task SettleClockAsync(DbSession session, DrillClockRow row) =>
        session.Connection.ExecuteAsync("""
            insert into drill_clock (deadline_id, exercise_id, inject_id, incident_id, number, kind, owed_by, due_at, met_at, met)
            values (@DeadlineId, @ExerciseId, @InjectId, @IncidentId, @Number, @Kind, @OwedBy, @DueAt, @MetAt, @Met)
            on conflict (deadline_id) do update set due_at = excluded.due_at,
                met_at = coalesce(excluded.met_at, drill_clock.met_at), met = drill_clock.met or excluded.met
            """, new
        {
            row.DeadlineId, row.ExerciseId, row.InjectId, row.IncidentId, row.Number, Kind = EnumLabel.Of(row.Kind), row.OwedBy, row.DueAt, row.MetAt, row.Met,
        }, session.Transaction);

    public async Task<ExerciseRecord?> LoadAsync(DbSession session, Guid id)
    {
        using var reader = await session.Connection.QueryMultipleAsync($"""
            select {Columns} from exercise x where x.id = @Id;
            select {ParticipantColumns} from exercise_participant where exercise_id = @Id order by tenant_path;
            select {InjectColumns} from exercise_inject where exercise_id = @Id order by offset_minutes, position;
            select {DrillIncidentColumns} from drill_incident where exercise_id = @Id order by reported_at;
            select {ClockColumns} from drill_clock where exercise_id = @Id order by due_at, kind;
            select {FindingColumns} from exercise_finding where exercise_id = @Id order by opened_at, id;
            select {HistoryColumns} from exercise_history where exercise_id = @Id order by id;
            """, new { Id = id }, session.Transaction);
        var exercise = await reader.ReadSingleOrDefaultAsync<Exercise>();
        if (exercise is null)
        {
            return null;
        }
        return new ExerciseRecord(exercise,
            (await reader.ReadAsync<Participant>()).ToList(),
            (await reader.ReadAsync<Inject>()).ToList(),
            (await reader.ReadAsync<DrillIncidentRow>()).ToList(),
            (await reader.ReadAsync<DrillClockRow>()).ToList(),
            (await reader.ReadAsync<Finding>()).ToList(),
            (await reader.ReadAsync<HistoryRow>()).ToList());
    }

    /// <summary>Exercises the caller organises, takes part in, or oversees as an ancestor of the organiser; newest first.</summary>
    public async Task<IReadOnlyList<Exercise>> ListAsync(DbSession session, ExerciseState? state, int limit) =>
        (await session.Connection.QueryAsync<Exercise>($"""
            select {Columns} from exercise x
            where (@State::text is null or x.state = @State)
            order by x.scheduled_start desc, x.id desc
            limit @Limit
            """, new { State = state is { } s ? EnumLabel.Of(s) : null, Limit = limit }, session.Transaction)).ToList();
}
