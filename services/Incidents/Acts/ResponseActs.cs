using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Domain;
using Fenghuo.ServiceDefaults;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Plans;
using Fenghuo.ServiceDefaults.Tenancy;

namespace Fenghuo.Incidents.Acts;

/// <summary>
/// Assessment and the response: the plan says which level a grade calls for and who may start,
/// change and end each level; only the command holding the incident acts (谁启动，谁结束 — after a
/// takeover, the command that took over).
/// </summary>
public sealed class ResponseActs(ActRunner runner, EscalationActs escalations, TenantDirectory directory, Data.IncidentStore store)
{
    public Task<ActOutcome> AssessAsync(TenantContext caller, Guid id, AssessmentRequest request, CancellationToken ct) =>
        runner.RunAsync(caller, id, async act =>
        {
            var incident = act.Incident;
            if (!incident.IsOwnedOrCommandedBy(act.CallerTenant))
            {
                return await NotInCommandAsync(incident.CommandTenant, "研判", "assess the incident", ct);
            }
            if (!caller.HasAny(ActRoles.Assess))
            {
                return await Refuse.With(Refusal.RoleNotAllowed(ActRoles.Assess, "研判", "assess the incident"));
            }
            if (incident.Status is not (IncidentState.Reported or IncidentState.Confirmed))
            {
                return await Refuse.With(Refusal.InvalidState(incident.Status, "研判", "assess"));
            }
            if (!EnumLabel.TryParse<AssessmentOutcome>(request.Outcome, out var outcome))
            {
                return await Refuse.Field("outcome", "unknown", "研判结论须为 confirmed（确认）、false_alarm（误报）或 not_security（非安全事件，移交）",
                    "The outcome must be confirmed, false_alarm or not_security");
            }
            var gradeLabel = request.Grade ?? incident.Grade;
            if (ReportFormRules.CheckGrade(gradeLabel, act.Plan.Grades) is { } gradeError)
            {
                return ActOutcome.Invalid([gradeError]);
            }
            var grade = ReportFormRules.GradeOf(gradeLabel)!.Value;
            var capacityExceeded = request.CapacityExceeded ?? false;
            var recommended = outcome == AssessmentOutcome.Confirmed ? act.Plan.RecommendedResponseLevel(grade, capacityExceeded) : null;
            var state = outcome switch
            {
                AssessmentOutcome.Confirmed => IncidentState.Confirmed,
                AssessmentOutcome.FalseAlarm => IncidentState.FalseAlarm,
                _ => IncidentState.Transferred,
            };

            var assessed = incident with
            {
                State = EnumLabel.Of(state),
                Outcome = EnumLabel.Of(outcome),
                Grade = EnumLabel.Of(grade),
                CapacityExceeded = capacityExceeded,
                RecommendedLevel = recommended?.Code,
            };
            await act.SaveAsync(assessed);
            if (state == IncidentState.Confirmed)
            {
                var owner = await directory.FindAsync(incident.TenantCode, ct);
                await store.RegradeReportUpwardAsync(act.Session, assessed, Clocks.ReportUpward(
                    act.Plan, grade, incident.TenantCode, owner?.ParentCode is not null,
                    new DateTimeOffset(incident.OccurredAt, TimeSpan.Zero), new DateTimeOffset(incident.ReportedAt, TimeSpan.Zero)));
            }
            else
            {
                await store.DropDueDeadlinesAsync(act.Session, incident.Id);
            }
            var summary = state switch
            {
                IncidentState.Confirmed => $"研判：确认为{grade.Chinese()}事件" + (recommended is null ? "，预案未规定对应响应级别" : $"，预案建议启动{recommended.Name}（{recommended.Code}）") + (capacityExceeded ? "；本级处置能力不足" : ""),
                IncidentState.FalseAlarm => "研判：误报",
                _ => "研判：非网络安全事件，移交相关部门",
            };
            await act.RecordAsync("assessed", summary, request);
            await act.PublishAsync(new IncidentAssessed(Guid.CreateVersion7(), act.Now, incident.TenantCode, incident.TenantPath,
                incident.Id, incident.Number, outcome, grade, capacityExceeded, recommended?.Code, act.Actor));
            return null;
        }, ct);

    public Task<ActOutcome> StartAsync(TenantContext caller, Guid id, LevelRequest request, CancellationToken ct) =>
        runner.RunAsync(caller, id, async act =>
        {
            var incident = act.Incident;
            if (await CommandCheckAsync(act, "启动应急响应", "start the response", ct) is { } no)
            {
                return no;
            }
            if (incident.Status != IncidentState.Confirmed)
            {
                return await Refuse.With(Refusal.InvalidState(incident.Status, "启动应急响应", "start a response"));
            }
            if (LevelOf(act.Plan, request.Level) is not { } level)
            {
                return await UnknownLevelAsync(act.Plan, request.Level);
            }
            if (!act.Plan.MayStart(level.Code, caller.Roles))
            {
                return await Refuse.With(Refusal.RoleNotAllowed(level.ApproverRoles.ToList(), $"启动{level.Name}", $"start level {level.Code}"));
            }

            await act.SaveAsync(incident with
            {
                State = EnumLabel.Of(IncidentState.Responding),
                ResponseLevel = level.Code,
                ResponseStartedBy = act.CallerTenant,
            });
            await act.RecordAsync("response_started", $"启动{level.Name}（{level.Code}）", new { level = level.Code, source = level.Source });
            await act.PublishAsync(new ResponseStarted(Guid.CreateVersion7(), act.Now, incident.TenantCode, incident.TenantPath,
                incident.Id, incident.Number, level.Code, incident.CommandTenant, act.Actor));
            await EscalateIfPlanSaysAsync(act, level, ct);
            return null;
        }, ct);

    public Task<ActOutcome> ChangeLevelAsync(TenantContext caller, Guid id, LevelRequest request, CancellationToken ct) =>
        runner.RunAsync(caller, id, async act =>
        {
            var incident = act.Incident;
            if (await CommandCheckAsync(act, "调整响应级别", "change the response level", ct) is { } no)
            {
                return no;
            }
            if (incident.Status is not (IncidentState.Responding or IncidentState.Controlled))
            {
                return await Refuse.With(Refusal.InvalidState(incident.Status, "调整响应级别", "change the level"));
            }
            if (LevelOf(act.Plan, request.Level) is not { } level)
            {
                return await UnknownLevelAsync(act.Plan, request.Level);
            }
            if (level.Code == incident.ResponseLevel)
            {
                return await Refuse.With(Refusal.Conflict("same_level", $"当前已是{level.Name}", $"The response is already at level {level.Code}"));
            }
            if (!act.Plan.MayStart(level.Code, caller.Roles))
            {
                return await Refuse.With(Refusal.RoleNotAllowed(level.ApproverRoles.ToList(), $"调整为{level.Name}", $"change to level {level.Code}"));
            }

            var from = incident.ResponseLevel!;
            var raised = act.Plan.ResponseLevels.ToList().FindIndex(l => l.Code == level.Code) < act.Plan.ResponseLevels.ToList().FindIndex(l => l.Code == from);
            await act.SaveAsync(incident with { ResponseLevel = level.Code });
            await act.RecordAsync("response_level_changed", $"响应级别由 {from} {(raised ? "提升" : "降低")}为{level.Name}（{level.Code}）", new { from, to = level.Code });
            await act.PublishAsync(new ResponseLevelChanged(Guid.CreateVersion7(), act.Now, incident.TenantCode, incident.TenantPath,
                incident.Id, incident.Number, from, level.Code, incident.CommandTenant, act.Actor));
            await EscalateIfPlanSaysAsync(act, level, ct);
            return null;
        }, ct);

    public Task<ActOutcome> ControlAsync(TenantContext caller, Guid id, CancellationToken ct) =>
        runner.RunAsync(caller, id, async act =>
        {
            var incident = act.Incident;
            if (await CommandCheckAsync(act, "确认事态得到控制", "record that the incident is under control", ct) is { } no)
            {
                return no;
            }
            if (incident.Status != IncidentState.Responding)
            {
                return await Refuse.With(Refusal.InvalidState(incident.Status, "确认事态得到控制", "mark it controlled"));
            }
            if (CurrentLevelRefusal(act, "确认事态得到控制", "mark it controlled") is { } role)
            {
                return await Refuse.With(role);
            }
            await act.SaveAsync(incident with { State = EnumLabel.Of(IncidentState.Controlled) });
            await act.RecordAsync("response_controlled", "事态得到控制");
            await act.PublishAsync(new ResponseControlled(Guid.CreateVersion7(), act.Now, incident.TenantCode, incident.TenantPath,
                incident.Id, incident.Number, incident.CommandTenant, act.Actor));
            return null;
        }, ct);

    public Task<ActOutcome> EndAsync(TenantContext caller, Guid id, CancellationToken ct) =>
        runner.RunAsync(caller, id, async act =>
        {
            var incident = act.Incident;
            if (await CommandCheckAsync(act, "结束应急响应", "end the response", ct) is { } no)
            {
                return no;
            }
            if (incident.Status is not (IncidentState.Responding or IncidentState.Controlled))
            {
                return await Refuse.With(Refusal.InvalidState(incident.Status, "结束应急响应", "end the response"));
            }
            if (CurrentLevelRefusal(act, "结束应急响应", "end the response") is { } role)
            {
                return await Refuse.With(role);
            }
            var review = Clocks.Review(act.Plan, incident.CommandTenant, act.Now);
            await act.SaveAsync(incident with { State = EnumLabel.Of(IncidentState.ResponseEnded) });
            if (review is not null)
            {
                await store.AddDeadlineAsync(act.Session, incident, review);
            }
            await act.RecordAsync("response_ended", review is null ? "应急响应结束" : $"应急响应结束；总结评估须于 {review.DueAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} 前完成");
            await act.PublishAsync(new ResponseEnded(Guid.CreateVersion7(), act.Now, incident.TenantCode, incident.TenantPath,
                incident.Id, incident.Number, incident.ResponseLevel!, incident.CommandTenant, act.Actor, review?.DueAt));
            return null;
        }, ct);

    public Task<ActOutcome> FollowUpAsync(TenantContext caller, Guid id, FollowUpRequest request, CancellationToken ct) =>
        runner.RunAsync(caller, id, async act =>
        {
            var incident = act.Incident;
            if (!incident.IsOwnedOrCommandedBy(act.CallerTenant))
            {
                return await NotInCommandAsync(incident.TenantCode, "续报", "add a follow-up", ct);
            }
            if (!caller.HasAny(ActRoles.Write))
            {
                return await Refuse.With(Refusal.RoleNotAllowed(ActRoles.Write, "续报", "add a follow-up"));
            }
            if (incident.Status.IsFinished())
            {
                return await Refuse.With(Refusal.InvalidState(incident.Status, "续报", "add a follow-up"));
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
            if (kind == FollowUpKind.WrittenReport)
            {
                await store.MeetDeadlineAsync(act.Session, incident.Id, DeadlineKind.WrittenReport, null, act.Now);
            }
            await act.RecordAsync("followup", request.Content!, new { kind = EnumLabel.Of(kind) });
            await act.PublishAsync(new FollowUpAdded(Guid.CreateVersion7(), act.Now, incident.TenantCode, incident.TenantPath,
                incident.Id, incident.Number, kind, request.Content!, act.Actor, act.CallerTenant));
            return null;
        }, ct);

    public Task<ActOutcome> ReviewAsync(TenantContext caller, Guid id, ReviewRequest request, CancellationToken ct) =>
        runner.RunAsync(caller, id, async act =>
        {
            var incident = act.Incident;
            if (!incident.IsOwnedOrCommandedBy(act.CallerTenant))
            {
                return await NotInCommandAsync(incident.CommandTenant, "提交总结评估", "submit the review", ct);
            }
            if (!caller.HasAny(ActRoles.Review))
            {
                return await Refuse.With(Refusal.RoleNotAllowed(ActRoles.Review, "提交总结评估", "submit the review"));
            }
            if (incident.Status != IncidentState.ResponseEnded)
            {
                return await Refuse.With(Refusal.InvalidState(incident.Status, "提交总结评估", "submit the review"));
            }
            if (await Refuse.Required("summary", "总结评估内容", "review summary", request.Summary) is { } invalid)
            {
                return invalid;
            }
            var inTime = await store.MeetDeadlineAsync(act.Session, incident.Id, DeadlineKind.Review, null, act.Now) ?? true;
            await act.SaveAsync(incident with { State = EnumLabel.Of(IncidentState.Reviewed), ReviewSummary = request.Summary });
            await act.RecordAsync("review_submitted", "提交总结评估报告", new { summary = request.Summary });
            await act.PublishAsync(new ReviewSubmitted(Guid.CreateVersion7(), act.Now, incident.TenantCode, incident.TenantPath,
                incident.Id, incident.Number, inTime, act.Actor));
            return null;
        }, ct);

    public Task<ActOutcome> CloseAsync(TenantContext caller, Guid id, CancellationToken ct) =>
        runner.RunAsync(caller, id, async act =>
        {
            var incident = act.Incident;
            if (await CommandCheckAsync(act, "关闭事件", "close the incident", ct) is { } no)
            {
                return no;
            }
            if (!caller.HasAny(ActRoles.Close))
            {
                return await Refuse.With(Refusal.RoleNotAllowed(ActRoles.Close, "关闭事件", "close the incident"));
            }
            var closable = incident.Status == IncidentState.Reviewed
                || (incident.Status == IncidentState.Confirmed && incident.ResponseLevel is null);
            if (!closable)
            {
                return await Refuse.With(Refusal.InvalidState(incident.Status, "关闭事件", "close it"));
            }
            await act.SaveAsync(incident with { State = EnumLabel.Of(IncidentState.Closed) });
            await act.RecordAsync("closed", "事件关闭");
            await act.PublishAsync(new IncidentClosed(Guid.CreateVersion7(), act.Now, incident.TenantCode, incident.TenantPath,
                incident.Id, incident.Number, act.Actor));
            return null;
        }, ct);

    private static ResponseLevel? LevelOf(PlanRules plan, string? code) => plan.ResponseLevels.FirstOrDefault(l => l.Code == code);

    private static Task<ActOutcome?> UnknownLevelAsync(PlanRules plan, string? code) =>
        Refuse.Field("level", "not_in_plan",
            $"本预案没有响应级别「{code}」，可选：{string.Join("、", plan.ResponseLevels.Select(l => $"{l.Code}（{l.Name}）"))}",
            $"This plan has no response level '{code}'; use one of {string.Join(", ", plan.ResponseLevels.Select(l => l.Code))}");

    /// <summary>Controlling and ending take the same authority as starting the level the response is at.</summary>
    private static Refusal? CurrentLevelRefusal(ActScope act, string actZh, string actEn)
    {
        var level = LevelOf(act.Plan, act.Incident.ResponseLevel);
        return level is null || act.Plan.MayStart(level.Code, act.Caller.Roles)
            ? null
            : Refusal.RoleNotAllowed(level.ApproverRoles.ToList(), actZh, actEn);
    }

    private async Task<ActOutcome?> CommandCheckAsync(ActScope act, string actZh, string actEn, CancellationToken ct) =>
        act.CallerTenant == act.Incident.CommandTenant ? null : await NotInCommandAsync(act.Incident.CommandTenant, actZh, actEn, ct);

    private async Task<ActOutcome?> NotInCommandAsync(string tenant, string actZh, string actEn, CancellationToken ct)
    {
        var name = (await directory.FindAsync(tenant, ct))?.Name ?? tenant;
        return ActOutcome.Refused(Refusal.NotInCommand(tenant, name, actZh, actEn));
    }

    /// <summary>A level the plan marks as escalating (扩大应急) asks the parent command for support at once.</summary>
    private Task EscalateIfPlanSaysAsync(ActScope act, ResponseLevel level, CancellationToken ct)
    {
        var grade = act.Incident.Graded;
        return act.Plan.EscalatesToParent(level.Code, grade)
            ? escalations.EscalateAutomaticallyAsync(act, $"启动{level.Name}，按预案（{level.Source}）报请上级指挥机构支援", ct)
            : Task.CompletedTask;
    }
}
