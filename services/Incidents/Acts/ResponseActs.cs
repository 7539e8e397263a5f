using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;
using Fenghuo.ServiceDefaults.Auth;
using Npgsql;

namespace Fenghuo.Incidents.Acts;

/// <summary>
/// Assessment and the response: the plan says which level a grade calls for and who may start,
/// change and end each level; <see cref="Lifecycle"/> says when and from which tenant.
/// </summary>
public sealed class ResponseActs(ActRunner runner, EscalationActs escalations, IncidentStore store, TenantDatabase database)
{
    public Task<ActOutcome> AssessAsync(TenantContext caller, Guid id, AssessmentRequest request, CancellationToken ct, int? seen = null) =>
        runner.RunAsync(caller, id, Lifecycle.Assess, async act =>
        {
            var incident = act.Incident;
            if (!EnumLabel.TryParse<AssessmentOutcome>(request.Outcome, out var outcome))
            {
                return await Refuse.Field("outcome", "unknown", "研判结论须为 confirmed（确认）、false_alarm（误报）或 not_security（非安全事件，移交）",
                    "The outcome must be confirmed, false_alarm or not_security");
            }
            if (request.Grade is not null && ReportFormRules.CheckGrade(request.Grade, act.Plan.Grades) is { } gradeError)
            {
                return ActOutcome.Invalid([gradeError]);
            }
            var grade = request.Grade is null ? incident.Grade : ReportFormRules.GradeOf(request.Grade)!.Value;
            var capacityExceeded = request.CapacityExceeded ?? false;
            var recommended = outcome == AssessmentOutcome.Confirmed ? act.Plan.RecommendedResponseLevel(grade, capacityExceeded) : null;
            var state = outcome switch
            {
                AssessmentOutcome.Confirmed => IncidentState.Confirmed,
                AssessmentOutcome.FalseAlarm => IncidentState.FalseAlarm,
                _ => IncidentState.Transferred,
            };

            Clock? reportUpward = null;
            if (state == IncidentState.Confirmed)
            {
                var owner = await act.TenantAsync(incident.TenantCode);
                reportUpward = Clocks.ReportUpward(
                    act.Plan, grade, incident.TenantCode, incident.MayReach(owner?.ParentCode),
                    incident.OccurredAt, incident.ReportedAt);
                // Before the save is deferred, so the session is handed over with nothing to send first: no round trip more.
                await store.RegradeReportUpwardAsync(await act.SessionAsync(), incident, reportUpward);
            }
            else
            {
                act.Defer(IncidentStore.DropDueDeadlinesCommand(incident.Id));
            }
            act.Save(incident with
            {
                State = state,
                Outcome = outcome,
                Grade = grade,
                CapacityExceeded = capacityExceeded,
                RecommendedLevel = recommended?.Code,
            });
            var summary = state switch
            {
                IncidentState.Confirmed => $"研判：确认为{EnumLabel.Chinese(grade)}事件"
                    + (recommended is null ? "，预案未规定对应响应级别" : $"，预案建议启动{recommended.Name}（{recommended.Code}）")
                    + (capacityExceeded ? "；本级处置能力不足" : ""),
                IncidentState.FalseAlarm => "研判：误报",
                _ => "研判：非网络安全事件，移交相关部门",
            };
            act.Record("assessed", summary, request);
            act.Publish(new IncidentAssessed(outcome, grade, capacityExceeded, recommended?.Code, act.Actor)
            {
                ReportUpwardDueAt = reportUpward?.DueAt,
            });
            return null;
        }, ct, seen: seen);

    public Task<ActOutcome> StartAsync(TenantContext caller, Guid id, LevelRequest request, CancellationToken ct, int? seen = null) =>
        runner.RunAsync(caller, id, Lifecycle.StartResponse, async act =>
        {
            var incident = act.Incident;
            var level = act.Level(request.Level)!;
            act.Save(incident with
            {
                State = IncidentState.Responding,
                ResponseLevel = level.Code,
                ResponseStartedBy = act.CallerTenant,
            });
            act.Record("response_started", $"启动{level.Name}（{level.Code}）", new { level = level.Code, source = level.Source });
            act.Publish(new ResponseStarted(level.Code, incident.CommandTenant, act.Actor));
            await EscalateIfPlanSaysAsync(act, level);
            return null;
        }, ct, seen: seen, level: _ => request.Level);

    public Task<ActOutcome> ChangeLevelAsync(TenantContext caller, Guid id, LevelRequest request, CancellationToken ct, int? seen = null) =>
        runner.RunAsync(caller, id, Lifecycle.ChangeLevel, async act =>
        {
            var incident = act.Incident;
            var level = act.Level(request.Level)!;
            var from = incident.ResponseLevel!;
            if (level.Code == from)
            {
                return await Refuse.With(Refusal.Conflict("same_level", $"当前已是{level.Name}", $"The response is already at level {level.Code}"));
            }
            var levels = act.Plan.ResponseLevels.Select(l => l.Code).ToList();
            var raised = levels.IndexOf(level.Code) < levels.IndexOf(from); // plans list their levels highest first
            act.Save(incident with { ResponseLevel = level.Code });
            act.Record("response_level_changed", $"响应级别由 {from} {(raised ? "提升" : "降低")}为{level.Name}（{level.Code}）", new { from, to = level.Code });
            act.Publish(new ResponseLevelChanged(from, level.Code, incident.CommandTenant, act.Actor));
            await EscalateIfPlanSaysAsync(act, level);
            return null;
        }, ct, seen: seen, level: _ => request.Level);

    public Task<ActOutcome> ControlAsync(TenantContext caller, Guid id, CancellationToken ct, int? seen = null) =>
        runner.RunAsync(caller, id, Lifecycle.Control, async act =>
        {
            var incident = act.Incident;
            act.Save(incident with { State = IncidentState.Controlled });
            act.Record("response_controlled", "事态得到控制");
            act.Publish(new ResponseControlled(incident.CommandTenant, act.Actor));
            return null;
        }, ct, seen: seen, level: act => act.Incident.ResponseLevel);

    public Task<ActOutcome> EndAsync(TenantContext caller, Guid id, CancellationToken ct, int? seen = null) =>
        runner.RunAsync(caller, id, Lifecycle.EndResponse, async act =>
        {
            var incident = act.Incident;
            var review = Clocks.Review(act.Plan, incident.CommandTenant, act.Now);
            act.Save(incident with { State = IncidentState.ResponseEnded });
            if (review is not null)
            {
                act.Defer(IncidentStore.DeadlineCommand(incident, review));
            }
            act.Record("response_ended", review is null
                ? "应急响应结束"
                : $"应急响应结束；总结评估须于 {review.DueAt.ShanghaiTime():yyyy-MM-dd HH:mm} 前完成");
            act.Publish(new ResponseEnded(incident.ResponseLevel!, incident.CommandTenant, act.Actor, review?.DueAt));
            return null;
        }, ct, seen: seen, level: act => act.Incident.ResponseLevel);

    /// <param name="idempotencyKey">The header's value: the same key sent again with the same follow-up answers with the entry it made, written once.</param>
    public async Task<ActOutcome> FollowUpAsync(TenantContext caller, Guid id, FollowUpRequest request, string? idempotencyKey, CancellationToken ct, int? seen = null)
    {
        var idempotent = idempotencyKey is null ? null : IdempotentRequest.Of(idempotencyKey, id, request);
        // Only who may write a follow-up is answered from an earlier one; anyone else meets the act's own refusal.
        if (idempotent is not null && caller.HasTenant && caller.HasAny(ActRoles.Write) && await ReplayAsync(caller, idempotent, ct) is { IsMissing: false } replay)
        {
            return replay;
        }
        try
        {
            return await runner.RunAsync(caller, id, Lifecycle.FollowUp, async act =>
            {
                if (idempotencyKey is { Length: 0 or > IncidentIntake.IdempotencyKeyLength })
                {
                    return await Refuse.Field("Idempotency-Key", "invalid", $"Idempotency-Key 须为 1–{IncidentIntake.IdempotencyKeyLength} 个字符",
                        $"The Idempotency-Key header must be 1–{IncidentIntake.IdempotencyKeyLength} characters");
                }
                var kind = FollowUpKind.Progress;
                if (request.Kind is not null && !EnumLabel.TryParse(request.Kind, out kind))
                {
                    return await Refuse.Field("kind", "unknown", "续报类型须为 progress（进展）或 written_report（书面报告）", "The kind must be progress or written_report");
                }
                if (await Refuse.Required("content", "续报内容", "content", request.Content) is { } invalid)
                {
                    return invalid;
                }
                var incident = act.Incident;
                if (kind == FollowUpKind.WrittenReport)
                {
                    act.Defer(IncidentStore.MeetDeadlineCommand(incident.Id, DeadlineKind.WrittenReport, null, act.Now));
                }
                act.Record(new TimelineEntry(incident.Id, act.Now, "followup", act.Actor, act.CallerTenant,
                    request.Content!, new { kind = EnumLabel.Of(kind) })
                {
                    IdempotencyKey = idempotent?.Key, RequestHash = idempotent?.Hash,
                });
                act.Publish(new FollowUpAdded(kind, request.Content!, act.Actor, act.CallerTenant));
                return null;
            }, ct, seen: seen);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "incident_timeline_idempotency")
        {
            // A concurrent request with the same key won the race; answer as its replay.
            return await ReplayAsync(caller, idempotent!, ct);
        }
    }

    /// <summary>What the follow-up made under this key answered, if the caller's tenant sent one; a different follow-up under it is a conflict.</summary>
    private Task<ActOutcome> ReplayAsync(TenantContext caller, IdempotentRequest request, CancellationToken ct) =>
        database.InTransactionAsync(caller.Scope, async session =>
        {
            if (await store.FindEntryByIdempotencyKeyAsync(session, request.Key) is not { } earlier)
            {
                return ActOutcome.Missing;
            }
            return earlier.RequestHash == request.Hash && await store.LoadAsync(session, earlier.IncidentId) is { } record
                ? ActOutcome.Done(record, replayed: true)
                : ActOutcome.Refused(Refusal.Conflict("idempotency_key_reused", "该 Idempotency-Key 已用于另一份不同的续报", "This Idempotency-Key was already used for a different follow-up"));
        }, ct);

    public Task<ActOutcome> ReviewAsync(TenantContext caller, Guid id, ReviewRequest request, CancellationToken ct, int? seen = null) =>
        runner.RunAsync(caller, id, Lifecycle.Review, async act =>
        {
            if (await Refuse.Required("summary", "总结评估内容", "review summary", request.Summary) is { } invalid)
            {
                return invalid;
            }
            var incident = act.Incident;
            var inTime = await store.MeetDeadlineAsync(await act.SessionAsync(), incident.Id, DeadlineKind.Review, null, act.Now) ?? true;
            act.Save(incident with { State = IncidentState.Reviewed, ReviewSummary = request.Summary });
            act.Record("review_submitted", "提交总结评估报告", new { summary = request.Summary });
            act.Publish(new ReviewSubmitted(inTime, act.Actor));
            return null;
        }, ct, seen: seen);

    public Task<ActOutcome> CloseAsync(TenantContext caller, Guid id, CancellationToken ct, int? seen = null) =>
        runner.RunAsync(caller, id, Lifecycle.Close, async act =>
        {
            var incident = act.Incident;
            if (incident.State == IncidentState.Confirmed && incident.ResponseLevel is not null)
            {
                return await Refuse.With(Refusal.InvalidState(incident.State, Lifecycle.Close.Zh, Lifecycle.Close.En));
            }
            act.Save(incident with { State = IncidentState.Closed });
            act.Record("closed", "事件关闭");
            act.Publish(new IncidentClosed(act.Actor));
            return null;
        }, ct, seen: seen);

    /// <summary>A level the plan marks as escalating (扩大应急) asks the parent command for support at once.</summary>
    private Task EscalateIfPlanSaysAsync(ActScope act, ResponseLevel level) =>
        act.Plan.EscalatesToParent(level.Code, act.Incident.Grade)
            ? escalations.EscalateAutomaticallyAsync(act, $"启动{level.Name}，按预案（{level.Source}）报请上级指挥机构支援")
            : Task.CompletedTask;
}
