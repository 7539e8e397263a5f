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
/// move files old events under the new parent.
/// </summary>
public sealed class ReadModelProjector
{
    private const string PathOf = "coalesce((select t.tenant_path from s_tenant t where t.generation = @G and t.tenant_code = @Code), @Path::ltree)";

    private const string TouchIncident = $"""
        insert into s_incident (generation, incident_id, tenant_code, tenant_path, number, exercise)
        values (@G, @IncidentId, @Code, {PathOf}, @Number, @Exercise)
        on conflict (generation, incident_id) do update set exercise = s_incident.exercise or excluded.exercise
        """;

    private const string MoveState = """
        update s_incident set state = @State, state_at = @At
        where generation = @G and incident_id = @IncidentId and state_at <= @At
        """;

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

    public async Task ApplyAsync(DbSession session, int generation, IIntegrationEvent message)
    {
        switch (message)
        {
            case JurisdictionOnboarded e:
                await KeepTenantAsync(session, generation, e.Jurisdiction);
                break;
            case JurisdictionChanged e:
                await KeepTenantAsync(session, generation, e.Jurisdiction);
                break;
            case JurisdictionsSnapshotPublished e:
                foreach (var jurisdiction in e.Jurisdictions)
                {
                    await KeepTenantAsync(session, generation, jurisdiction);
                }
                break;
            case PlanPublished e:
                await KeepPlanAsync(session, generation, e);
                break;
            case IncidentEvent e:
                await ApplyIncidentAsync(session, generation, e);
                break;
            case WarningEvent e:
                await ApplyWarningAsync(session, generation, e);
                break;
            case ExerciseCompleted e:
                await KeepDrillAsync(session, generation, e);
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

    private static Task KeepPlanAsync(DbSession session, int g, PlanPublished e)
    {
        var labels = new
        {
            category = e.Rules.Taxonomy.Categories.ToDictionary(c => c.Code, c => c.Name),
            level = e.Rules.ResponseLevels.ToDictionary(l => l.Code, l => l.Name),
            warning = e.Rules.WarningScheme.Levels.ToDictionary(l => l.Code, l => l.Name),
        };
        return session.Connection.ExecuteAsync($"""
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
        }, session.Transaction);
    }

    private static async Task ApplyIncidentAsync(DbSession session, int g, IncidentEvent e)
    {
        var c = session.Connection;
        var tx = session.Transaction;
        var header = new { G = g, e.IncidentId, Code = e.TenantCode, Path = e.TenantPath, e.Number, e.Exercise, At = e.OccurredAt };
        await c.ExecuteAsync(TouchIncident, header, tx);
        Task State(IncidentState state) => c.ExecuteAsync(MoveState, new { G = g, e.IncidentId, State = EnumLabel.Of(state), At = e.OccurredAt }, tx);
        Task Clock(DeadlineKind kind, string owedBy, DateTimeOffset? due, Guid? reference = null) => c.ExecuteAsync(TouchClock,
            new { G = g, e.IncidentId, Kind = EnumLabel.Of(kind), Ref = reference ?? Guid.Empty, OwedBy = owedBy, Path = e.TenantPath, e.Number, e.Exercise, DueAt = due }, tx);
        Task Meet(DeadlineKind kind, string owedBy, Guid? reference = null) => c.ExecuteAsync(MeetClock,
            new { G = g, e.IncidentId, Kind = EnumLabel.Of(kind), Ref = reference ?? Guid.Empty, OwedBy = owedBy, Path = e.TenantPath, e.Number, e.Exercise, At = e.OccurredAt }, tx);

        switch (e)
        {
            case IncidentReported r:
                await c.ExecuteAsync("""
                    update s_incident set plan_version = @PlanVersion, category = @Category, grade = coalesce(grade, @Grade),
                        occurred_at = @OccurredAt, reported_at = @At
                    where generation = @G and incident_id = @IncidentId
                    """, new { G = g, e.IncidentId, r.PlanVersion, r.Category, Grade = EnumLabel.Of(r.Grade), OccurredAt = r.IncidentOccurredAt, At = e.OccurredAt }, tx);
                await State(IncidentState.Reported);
                if (r.ReportUpwardDueAt is { } due)
                {
                    await Clock(DeadlineKind.ReportUpward, e.TenantCode, due);
                    await c.ExecuteAsync("update s_incident set report_due_at = coalesce(report_due_at, @Due) where generation = @G and incident_id = @IncidentId",
                        new { G = g, e.IncidentId, Due = due }, tx);
                }
                break;
            case IncidentAssessed a:
                await c.ExecuteAsync("update s_incident set grade = @Grade where generation = @G and incident_id = @IncidentId",
                    new { G = g, e.IncidentId, Grade = EnumLabel.Of(a.Grade) }, tx);
                await State(a.Outcome switch
                {
                    AssessmentOutcome.Confirmed => IncidentState.Confirmed,
                    AssessmentOutcome.FalseAlarm => IncidentState.FalseAlarm,
                    _ => IncidentState.Transferred,
                });
                await AfterAssessmentAsync(session, g, e.IncidentId, a);
                break;
            case ResponseStarted s:
                await c.ExecuteAsync("update s_incident set response_level = @Level where generation = @G and incident_id = @IncidentId", new { G = g, e.IncidentId, s.Level }, tx);
                await State(IncidentState.Responding);
                break;
            case ResponseLevelChanged l:
                await c.ExecuteAsync("update s_incident set response_level = @Level where generation = @G and incident_id = @IncidentId", new { G = g, e.IncidentId, Level = l.ToLevel }, tx);
                break;
            case ResponseControlled:
                await State(IncidentState.Controlled);
                break;
            case ResponseEnded ended:
                await State(IncidentState.ResponseEnded);
                if (ended.ReviewDueAt is { } reviewDue)
                {
                    await Clock(DeadlineKind.Review, ended.CommandTenant, reviewDue);
                }
                break;
            case ReviewSubmitted:
                await State(IncidentState.Reviewed);
                await c.ExecuteAsync(
                    "update s_clock set met_at = coalesce(met_at, @At) where generation = @G and incident_id = @IncidentId and kind = 'review'",
                    new { G = g, e.IncidentId, At = e.OccurredAt }, tx);
                break;
            case IncidentClosed:
                await State(IncidentState.Closed);
                await c.ExecuteAsync("update s_incident set closed_at = @At where generation = @G and incident_id = @IncidentId", new { G = g, e.IncidentId, At = e.OccurredAt }, tx);
                break;
            case IncidentEscalated up:
                if (up.FromTenant == e.TenantCode)
                {
                    await Meet(DeadlineKind.ReportUpward, e.TenantCode);
                    await c.ExecuteAsync("update s_incident set report_met_at = coalesce(report_met_at, @At) where generation = @G and incident_id = @IncidentId",
                        new { G = g, e.IncidentId, At = e.OccurredAt }, tx);
                }
                if (up.WrittenReportDueAt is { } writtenDue)
                {
                    await Clock(DeadlineKind.WrittenReport, up.FromTenant, writtenDue);
                }
                break;
            case EscalationAcknowledged:
                await c.ExecuteAsync("update s_incident set first_ack_at = least(coalesce(first_ack_at, @At), @At) where generation = @G and incident_id = @IncidentId",
                    new { G = g, e.IncidentId, At = e.OccurredAt }, tx);
                break;
            case FollowUpAdded { Kind: FollowUpKind.WrittenReport } written:
                await c.ExecuteAsync(
                    "update s_clock set met_at = coalesce(met_at, @At) where generation = @G and incident_id = @IncidentId and kind = 'written_report' and tenant_code = @By",
                    new { G = g, e.IncidentId, At = e.OccurredAt, By = written.AddedByTenant }, tx);
                break;
            case InquirySent asked:
                await Clock(DeadlineKind.InquiryAnswer, asked.ToTenant, asked.AnswerDueAt, asked.InquiryId);
                break;
            case InquiryAnswered answered:
                await Meet(DeadlineKind.InquiryAnswer, answered.ToTenant, answered.InquiryId);
                break;
            case DeadlineApproaching soon when soon.Kind != DeadlineKind.InquiryAnswer:
                await Clock(soon.Kind, soon.OwedBy, soon.DueAt);
                break;
            case DeadlineMissed missed:
                await MissAsync(session, g, e, missed);
                break;
        }
    }

    /// <summary>
    /// A confirmed incident's report upward is re-set for its assessed grade while still owed; a false
    /// alarm or a transfer drops every clock still running, as the incidents service does.
    /// </summary>
    private static async Task AfterAssessmentAsync(DbSession session, int g, Guid incidentId, IncidentAssessed a)
    {
        if (a.Outcome != AssessmentOutcome.Confirmed)
        {
            await session.Connection.ExecuteAsync(
                "delete from s_clock where generation = @G and incident_id = @IncidentId and met_at is null and not missed",
                new { G = g, IncidentId = incidentId }, session.Transaction);
            return;
        }
        var owed = new { G = g, IncidentId = incidentId, Due = a.ReportUpwardDueAt };
        if (a.ReportUpwardDueAt is null)
        {
            await session.Connection.ExecuteAsync(
                "delete from s_clock where generation = @G and incident_id = @IncidentId and kind = 'report_upward' and met_at is null and not missed", owed, session.Transaction);
        }
        else
        {
            await session.Connection.ExecuteAsync(
                "update s_clock set due_at = @Due where generation = @G and incident_id = @IncidentId and kind = 'report_upward' and met_at is null and not missed", owed, session.Transaction);
        }
        await session.Connection.ExecuteAsync(
            "update s_incident set report_due_at = @Due where generation = @G and incident_id = @IncidentId and report_met_at is null", owed, session.Transaction);
    }

    /// <summary>The clock that ran out: an inquiry's is found by its due time, since the event names the deadline, not the inquiry.</summary>
    private static async Task MissAsync(DbSession session, int g, IncidentEvent e, DeadlineMissed missed)
    {
        var kind = EnumLabel.Of(missed.Kind);
        var marked = await session.Connection.ExecuteAsync("""
            update s_clock set missed = true, due_at = coalesce(due_at, @DueAt)
            where generation = @G and incident_id = @IncidentId and kind = @Kind
              and (kind <> 'inquiry_answer' or due_at = @DueAt)
            """, new { G = g, e.IncidentId, Kind = kind, missed.DueAt }, session.Transaction);
        if (marked == 0)
        {
            await session.Connection.ExecuteAsync("""
                insert into s_clock (generation, incident_id, kind, ref, tenant_code, tenant_path, number, exercise, due_at, missed)
                values (@G, @IncidentId, @Kind, @Ref, @OwedBy,
                        coalesce((select t.tenant_path from s_tenant t where t.generation = @G and t.tenant_code = @OwedBy), @Path::ltree),
                        @Number, @Exercise, @DueAt, true)
                on conflict do nothing
                """, new
            {
                G = g, e.IncidentId, Kind = kind, Ref = missed.Kind == DeadlineKind.InquiryAnswer ? missed.DeadlineId : Guid.Empty,
                missed.OwedBy, Path = e.TenantPath, e.Number, e.Exercise, missed.DueAt,
            }, session.Transaction);
        }
    }

    private static async Task ApplyWarningAsync(DbSession session, int g, WarningEvent e)
    {
        var c = session.Connection;
        var tx = session.Transaction;
        await c.ExecuteAsync($"""
            insert into s_warning (generation, warning_id, tenant_code, tenant_path, number)
            values (@G, @WarningId, @Code, {PathOf}, @Number)
            on conflict do nothing
            """, new { G = g, e.WarningId, Code = e.TenantCode, Path = e.TenantPath, e.Number }, tx);
        var at = new { G = g, e.WarningId, At = e.OccurredAt };
        switch (e)
        {
            case WarningIssued issued:
                await c.ExecuteAsync("""
                    update s_warning set exercise = @Exercise, level = coalesce(level, @Level), level_name = coalesce(level_name, @LevelName),
                        issued_at = @At, expires_at = @ExpiresAt
                    where generation = @G and warning_id = @WarningId
                    """, new { G = g, e.WarningId, issued.Exercise, issued.Level, issued.LevelName, At = e.OccurredAt, issued.ExpiresAt }, tx);
                break;
            case WarningAdjusted adjusted:
                await c.ExecuteAsync("update s_warning set level = @Level, level_name = null where generation = @G and warning_id = @WarningId",
                    new { G = g, e.WarningId, Level = adjusted.ToLevel }, tx);
                break;
            case WarningLifted:
                await c.ExecuteAsync("update s_warning set state = 'lifted', ended_at = @At where generation = @G and warning_id = @WarningId", at, tx);
                break;
            case WarningExpired:
                await c.ExecuteAsync("update s_warning set state = 'expired', ended_at = coalesce(ended_at, @At) where generation = @G and warning_id = @WarningId and state = 'issued'", at, tx);
                break;
        }
    }

    private static async Task KeepDrillAsync(DbSession session, int g, ExerciseCompleted e)
    {
        var participants = e.Participants.Select(p => (p.TenantCode, p.TenantPath)).Append((e.TenantCode, e.TenantPath)).Distinct();
        foreach (var (code, path) in participants)
        {
            await session.Connection.ExecuteAsync($"""
                insert into s_drill (generation, exercise_id, tenant_code, tenant_path, completed_at)
                values (@G, @ExerciseId, @Code, {PathOf}, @At)
                on conflict do nothing
                """, new { G = g, e.ExerciseId, Code = code, Path = path, At = e.EndedAt }, session.Transaction);
        }
    }
}
