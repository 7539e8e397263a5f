using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Summaries.Domain;

namespace Fenghuo.Summaries.Projection;

/// <summary>
/// Folds one event into one generation of the read tables. Events of one incident or warning come
/// through different queues, so every step tolerates any order: rows are upserted from whichever
/// event comes first, a state only moves to a later one, a clock met before it was announced keeps
/// its meeting. A row's path is the tenant's path as this generation knows it, so a replay after a
/// move files old events under the new parent. An event's statements go to PostgreSQL as one batch
/// (<see cref="ProjectionBatch"/>), and an incident's row is written by one upsert per event.
/// </summary>
public sealed class ReadModelProjector
{
    private const string PathOf = "coalesce((select t.tenant_path from s_tenant t where t.generation = @G and t.tenant_code = @Code), @Path::ltree)";

    private const string TouchClock = """
        insert into s_clock (generation, incident_id, kind, ref, tenant_code, tenant_path, number, exercise, due_at)
        values (@G, @IncidentId, @Kind, @Ref, @OwedBy,
                coalesce((select t.tenant_path from s_tenant t where t.generation = @G and t.tenant_code = @OwedBy), @Path::ltree),
                @Number, @Exercise, @DueAt)
        on conflict (generation, incident_id, kind, ref) do update set due_at = coalesce(s_clock.due_at, excluded.due_at)
        """;

    private const string MeetClock = """
        insert into s_clock (generation, incident_id, kind, ref, tenant_code, tenant_path, number, exercise, met_at)
        values (@G, @IncidentId, @Kind, @Ref, @OwedBy,
                coalesce((select t.tenant_path from s_tenant t where t.generation = @G and t.tenant_code = @OwedBy), @Path::ltree),
                @Number, @Exercise, @At)
        on conflict (generation, incident_id, kind, ref) do update set met_at = coalesce(s_clock.met_at, excluded.met_at)
        """;

    /// <summary>Folds the event in now: its statements as one batch.</summary>
    public async Task ApplyAsync(DbSession session, int generation, IIntegrationEvent message)
    {
        var batch = new ProjectionBatch(session);
        await ApplyAsync(batch, generation, message);
        await batch.ExecuteAsync();
    }

    /// <summary>
    /// Adds the event's statements to <paramref name="batch"/>, for the caller to send with its own; only a
    /// jurisdiction's, which reads what this generation knows of it first, runs some at once.
    /// </summary>
    public async Task ApplyAsync(ProjectionBatch batch, int generation, IIntegrationEvent message)
    {
        switch (message)
        {
            case JurisdictionOnboarded e:
                await KeepTenantAsync(batch.Session, generation, e.Jurisdiction);
                break;
            case JurisdictionChanged e:
                await KeepTenantAsync(batch.Session, generation, e.Jurisdiction);
                break;
            case JurisdictionsSnapshotPublished e:
                foreach (var jurisdiction in e.Jurisdictions)
                {
                    await KeepTenantAsync(batch.Session, generation, jurisdiction);
                }
                break;
            case PlanPublished e:
                KeepPlan(batch, generation, e);
                break;
            case IncidentEvent e:
                ApplyIncident(batch, generation, e);
                break;
            case WarningEvent e:
                ApplyWarning(batch, generation, e);
                break;
            case ExerciseCompleted e:
                KeepDrill(batch, generation, e);
                break;
        }
    }

    private static async Task KeepTenantAsync(DbSession session, int g, JurisdictionState state)
    {
        var previous = await session.Connection.QuerySingleOrDefaultAsync<(string Path, long Revision)?>(
            "select tenant_path::text, revision from s_tenant where generation = @G and tenant_code = @Code",
            new { G = g, state.Code }, session.Transaction);
        if (previous is { } known && known.Revision >= state.Revision)
        {
            return;
        }
        await session.Connection.ExecuteAsync("""
            insert into s_tenant (generation, tenant_code, tenant_path, name, kind, parent_code, revision)
            values (@G, @Code, @Path::ltree, @Name, @Kind, @ParentCode, @Revision)
            on conflict (generation, tenant_code) do update set tenant_path = excluded.tenant_path, name = excluded.name,
                kind = excluded.kind, parent_code = excluded.parent_code, revision = excluded.revision
            """, new { G = g, state.Code, state.Path, state.Name, Kind = EnumLabel.Of(state.Kind), state.ParentCode, state.Revision }, session.Transaction);
        if (previous is { } moved && moved.Path != state.Path)
        {
            // The tenant's own rows follow it under its new parent, in this generation.
            foreach (var table in new[] { "s_incident", "s_clock", "s_warning", "s_plan", "s_drill", "s_incident_tally", "s_clock_tally" })
            {
                await session.Connection.ExecuteAsync(
                    $"update {table} set tenant_path = @Path::ltree where generation = @G and tenant_code = @Code",
                    new { G = g, state.Code, state.Path }, session.Transaction);
            }
        }
    }

    private static void KeepPlan(ProjectionBatch batch, int g, PlanPublished e)
    {
        var labels = new
        {
            category = e.Rules.Taxonomy.Categories.ToDictionary(c => c.Code, c => c.Name),
            level = e.Rules.ResponseLevels.ToDictionary(l => l.Code, l => l.Name),
            warning = e.Rules.WarningScheme.Levels.ToDictionary(l => l.Code, l => l.Name),
        };
        batch.Add($"""
            insert into s_plan (generation, tenant_code, tenant_path, version, effective_from, published_at, minimum_drills_per_year, labels)
            values (@G, @Code, {PathOf}, @Version, @EffectiveFrom, @At, @Minimum, @Labels::jsonb)
            on conflict (generation, tenant_code) do update set version = excluded.version, effective_from = excluded.effective_from,
                published_at = excluded.published_at, minimum_drills_per_year = excluded.minimum_drills_per_year, labels = excluded.labels
            where excluded.version > s_plan.version
            """, new
        {
            G = g, Code = e.TenantCode, Path = e.TenantPath, Version = e.PlanVersion,
            EffectiveFrom = e.EffectiveFrom.ToDateTime(TimeOnly.MinValue), At = e.OccurredAt,
            Minimum = e.Rules.Exercises.MinimumPerYear, Labels = JsonSerializer.Serialize(labels),
        });
    }

    /// <summary>
    /// An incident event's statements: its s_incident row is written by ONE upsert carrying every
    /// column the event sets (so the tally trigger runs once per event, and an event that comes before
    /// the report still leaves a row), then its clocks.
    /// </summary>
    private static void ApplyIncident(ProjectionBatch batch, int g, IncidentEvent e)
    {
        var row = new IncidentUpsert(g, e);
        void Clock(DeadlineKind kind, string owedBy, DateTimeOffset? due, Guid? reference = null) => batch.Add(TouchClock,
            new { G = g, e.IncidentId, Kind = EnumLabel.Of(kind), Ref = reference ?? Guid.Empty, OwedBy = owedBy, Path = e.TenantPath, e.Number, e.Exercise, DueAt = due });
        void Meet(DeadlineKind kind, string owedBy, Guid? reference = null) => batch.Add(MeetClock,
            new { G = g, e.IncidentId, Kind = EnumLabel.Of(kind), Ref = reference ?? Guid.Empty, OwedBy = owedBy, Path = e.TenantPath, e.Number, e.Exercise, At = e.OccurredAt });
        var at = new { G = g, e.IncidentId, At = e.OccurredAt };

        switch (e)
        {
            case IncidentReported r:
                row.Set("plan_version", r.PlanVersion, "excluded.plan_version")
                    .Set("category", r.Category, "excluded.category")
                    .Set("grade", EnumLabel.Of(r.Grade), "coalesce(s_incident.grade, excluded.grade)")
                    .Set("occurred_at", r.IncidentOccurredAt, "excluded.occurred_at")
                    .Set("reported_at", e.OccurredAt, "excluded.reported_at")
                    .MoveState(IncidentState.Reported);
                if (r.ReportUpwardDueAt is { } due)
                {
                    row.Set("report_due_at", due, "coalesce(s_incident.report_due_at, excluded.report_due_at)");
                    Clock(DeadlineKind.ReportUpward, e.TenantCode, due);
                }
                break;
            case IncidentAssessed a:
                row.Set("grade", EnumLabel.Of(a.Grade), "excluded.grade")
                    .MoveState(a.Outcome switch
                    {
                        AssessmentOutcome.Confirmed => IncidentState.Confirmed,
                        AssessmentOutcome.FalseAlarm => IncidentState.FalseAlarm,
                        _ => IncidentState.Transferred,
                    });
                AfterAssessment(batch, row, g, e.IncidentId, a);
                break;
            case ResponseStarted s:
                row.Set("response_level", s.Level, "excluded.response_level").MoveState(IncidentState.Responding);
                break;
            case ResponseLevelChanged l:
                row.Set("response_level", l.ToLevel, "excluded.response_level");
                break;
            case ResponseControlled:
                row.MoveState(IncidentState.Controlled);
                break;
            case ResponseEnded ended:
                row.MoveState(IncidentState.ResponseEnded);
                if (ended.ReviewDueAt is { } reviewDue)
                {
                    Clock(DeadlineKind.Review, ended.CommandTenant, reviewDue);
                }
                break;
            case ReviewSubmitted:
                row.MoveState(IncidentState.Reviewed);
                batch.Add("update s_clock set met_at = coalesce(met_at, @At) where generation = @G and incident_id = @IncidentId and kind = 'review'", at);
                break;
            case IncidentClosed:
                row.MoveState(IncidentState.Closed).Set("closed_at", e.OccurredAt, "excluded.closed_at");
                break;
            case IncidentEscalated up:
                if (up.FromTenant == e.TenantCode)
                {
                    Meet(DeadlineKind.ReportUpward, e.TenantCode);
                    row.Set("report_met_at", e.OccurredAt, "coalesce(s_incident.report_met_at, excluded.report_met_at)");
                }
                if (up.WrittenReportDueAt is { } writtenDue)
                {
                    Clock(DeadlineKind.WrittenReport, up.FromTenant, writtenDue);
                }
                break;
            case EscalationAcknowledged:
                row.Set("first_ack_at", e.OccurredAt, "least(coalesce(s_incident.first_ack_at, excluded.first_ack_at), excluded.first_ack_at)");
                break;
            case FollowUpAdded { Kind: FollowUpKind.WrittenReport } written:
                batch.Add(
                    "update s_clock set met_at = coalesce(met_at, @At) where generation = @G and incident_id = @IncidentId and kind = 'written_report' and tenant_code = @By",
                    new { G = g, e.IncidentId, At = e.OccurredAt, By = written.AddedByTenant });
                break;
            case InquirySent asked:
                Clock(DeadlineKind.InquiryAnswer, asked.ToTenant, asked.AnswerDueAt, asked.InquiryId);
                break;
            case InquiryAnswered answered:
                Meet(DeadlineKind.InquiryAnswer, answered.ToTenant, answered.InquiryId);
                break;
            case DeadlineApproaching soon when soon.Kind != DeadlineKind.InquiryAnswer:
                Clock(soon.Kind, soon.OwedBy, soon.DueAt);
                break;
            case DeadlineMissed missed:
                Miss(batch, g, e, missed);
                break;
        }
        // Clocks are rows of their own: what the row gets does not depend on them, nor theirs on it.
        batch.Add(row.Sql, row.Parameters);
    }

    /// <summary>
    /// A confirmed incident's report upward is re-set for its assessed grade while still owed; a false
    /// alarm or a transfer drops every clock still running, as the incidents service does.
    /// </summary>
    private static void AfterAssessment(ProjectionBatch batch, IncidentUpsert row, int g, Guid incidentId, IncidentAssessed a)
    {
        if (a.Outcome != AssessmentOutcome.Confirmed)
        {
            batch.Add("delete from s_clock where generation = @G and incident_id = @IncidentId and met_at is null and not missed",
                new { G = g, IncidentId = incidentId });
            return;
        }
        var owed = new { G = g, IncidentId = incidentId, Due = a.ReportUpwardDueAt };
        batch.Add(a.ReportUpwardDueAt is null
            ? "delete from s_clock where generation = @G and incident_id = @IncidentId and kind = 'report_upward' and met_at is null and not missed"
            : "update s_clock set due_at = @Due where generation = @G and incident_id = @IncidentId and kind = 'report_upward' and met_at is null and not missed",
            owed);
        row.Set("report_due_at", a.ReportUpwardDueAt,
            "case when s_incident.report_met_at is null then excluded.report_due_at else s_incident.report_due_at end");
    }

    /// <summary>
    /// The clock that ran out, flagged, or kept flagged if it was not known yet: an inquiry's is found by
    /// its due time, since the event names the deadline, not the inquiry.
    /// </summary>
    private static void Miss(ProjectionBatch batch, int g, IncidentEvent e, DeadlineMissed missed) =>
        batch.Add("""
            with marked as (
                update s_clock set missed = true, due_at = coalesce(due_at, @DueAt)
                where generation = @G and incident_id = @IncidentId and kind = @Kind
                  and (kind <> 'inquiry_answer' or due_at = @DueAt)
                returning 1)
            insert into s_clock (generation, incident_id, kind, ref, tenant_code, tenant_path, number, exercise, due_at, missed)
            select @G, @IncidentId, @Kind, @Ref, @OwedBy,
                   coalesce((select t.tenant_path from s_tenant t where t.generation = @G and t.tenant_code = @OwedBy), @Path::ltree),
                   @Number, @Exercise, @DueAt, true
            where not exists (select from marked)
            on conflict do nothing
            """, new
        {
            G = g, e.IncidentId, Kind = EnumLabel.Of(missed.Kind), Ref = missed.Kind == DeadlineKind.InquiryAnswer ? missed.DeadlineId : Guid.Empty,
            missed.OwedBy, Path = e.TenantPath, e.Number, e.Exercise, missed.DueAt,
        });

    private static void ApplyWarning(ProjectionBatch batch, int g, WarningEvent e)
    {
        batch.Add($"""
            insert into s_warning (generation, warning_id, tenant_code, tenant_path, number)
            values (@G, @WarningId, @Code, {PathOf}, @Number)
            on conflict do nothing
            """, new { G = g, e.WarningId, Code = e.TenantCode, Path = e.TenantPath, e.Number });
        var at = new { G = g, e.WarningId, At = e.OccurredAt };
        switch (e)
        {
            case WarningIssued issued:
                batch.Add("""
                    update s_warning set exercise = @Exercise, level = coalesce(level, @Level), level_name = coalesce(level_name, @LevelName),
                        issued_at = @At, expires_at = @ExpiresAt
                    where generation = @G and warning_id = @WarningId
                    """, new { G = g, e.WarningId, issued.Exercise, issued.Level, issued.LevelName, At = e.OccurredAt, issued.ExpiresAt });
                break;
            case WarningAdjusted adjusted:
                batch.Add("update s_warning set level = @Level, level_name = null where generation = @G and warning_id = @WarningId",
                    new { G = g, e.WarningId, Level = adjusted.ToLevel });
                break;
            case WarningLifted:
                batch.Add("update s_warning set state = 'lifted', ended_at = @At where generation = @G and warning_id = @WarningId", at);
                break;
            case WarningExpired:
                batch.Add("update s_warning set state = 'expired', ended_at = coalesce(ended_at, @At) where generation = @G and warning_id = @WarningId and state = 'issued'", at);
                break;
        }
    }

    private static void KeepDrill(ProjectionBatch batch, int g, ExerciseCompleted e)
    {
        var participants = e.Participants.Select(p => (p.TenantCode, p.TenantPath)).Append((e.TenantCode, e.TenantPath)).Distinct();
        foreach (var (code, path) in participants)
        {
            batch.Add($"""
                insert into s_drill (generation, exercise_id, tenant_code, tenant_path, completed_at)
                values (@G, @ExerciseId, @Code, {PathOf}, @At)
                on conflict do nothing
                """, new { G = g, e.ExerciseId, Code = code, Path = path, At = e.EndedAt });
        }
    }

    /// <summary>
    /// One incident's row as one event leaves it: inserted with what the event says if it is the first
    /// to name the incident, else each column the event sets merged by its own rule (a state only moves
    /// to a later one; a grade from the report never overrides an assessment's). An event that sets
    /// nothing only marks a drill, and rewrites nothing otherwise.
    /// </summary>
    private sealed class IncidentUpsert(int g, IncidentEvent e)
    {
        private readonly List<(string Column, string Merge)> sets = [];

        public Dictionary<string, object?> Parameters { get; } = new()
        {
            ["G"] = g, ["IncidentId"] = e.IncidentId, ["Code"] = e.TenantCode, ["Path"] = e.TenantPath,
            ["Number"] = e.Number, ["Exercise"] = e.Exercise,
        };

        public IncidentUpsert Set(string column, object? value, string merge)
        {
            sets.RemoveAll(s => s.Column == column);
            sets.Add((column, merge));
            Parameters[column] = value;
            return this;
        }

        public IncidentUpsert MoveState(IncidentState state) =>
            Set("state", EnumLabel.Of(state), "case when s_incident.state_at <= excluded.state_at then excluded.state else s_incident.state end")
                .Set("state_at", e.OccurredAt, "greatest(s_incident.state_at, excluded.state_at)");

        public string Sql => sets.Count == 0
            ? $"""
                insert into s_incident (generation, incident_id, tenant_code, tenant_path, number, exercise)
                values (@G, @IncidentId, @Code, {PathOf}, @Number, @Exercise)
                on conflict (generation, incident_id) do update set exercise = true
                where excluded.exercise and not s_incident.exercise
                """
            : $"""
                insert into s_incident (generation, incident_id, tenant_code, tenant_path, number, exercise, {string.Join(", ", sets.Select(s => s.Column))})
                values (@G, @IncidentId, @Code, {PathOf}, @Number, @Exercise, {string.Join(", ", sets.Select(s => "@" + s.Column))})
                on conflict (generation, incident_id) do update set exercise = s_incident.exercise or excluded.exercise,
                    {string.Join(", ", sets.Select(s => $"{s.Column} = {s.Merge}"))}
                """;
    }
}
