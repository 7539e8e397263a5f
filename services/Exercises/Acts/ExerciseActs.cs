using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Exercises.Domain;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Exercises.Acts;

/// <summary>
/// Start, end and evaluate — by the organiser's office director or command — and answer an inject,
/// by the participant it was addressed to. Each transition publishes its event in its transaction.
/// </summary>
public sealed class ExerciseActs(ActRunner runner)
{
    public const int NoteLength = 8000;

    public Task<ActOutcome> StartAsync(TenantContext caller, Guid id, CancellationToken ct) =>
        runner.RunAsync(caller, id, Lifecycle.Start, async act =>
        {
            var exercise = act.Exercise;
            await act.SaveAsync(exercise with { State = Lifecycle.After(Lifecycle.Start), StartedAt = act.Now, StartedBy = act.Actor });
            await act.Store.ScheduleInjectsAsync(act.Session, exercise.Id, act.Now);
            await act.RecordAsync("started", $"演练开始（计划 {exercise.ScheduledStart.ShanghaiTime():yyyy-MM-dd HH:mm}）");
            await act.PublishAsync(new ExerciseStarted(exercise.Kind, act.Now, await ParticipantsAsync(act)));
            return null;
        }, ct);

    public Task<ActOutcome> EndAsync(TenantContext caller, Guid id, CancellationToken ct) =>
        runner.RunAsync(caller, id, Lifecycle.End, async act =>
        {
            var exercise = act.Exercise;
            await act.SaveAsync(exercise with { State = Lifecycle.After(Lifecycle.End), EndedAt = act.Now, EndedBy = act.Actor });
            await act.Store.CompleteParticipantsAsync(act.Session, exercise.Id, act.Now);
            await act.RecordAsync("ended", "演练结束");
            await act.PublishAsync(new ExerciseCompleted(exercise.Kind, exercise.StartedAt!.Value, act.Now, await ParticipantsAsync(act)));
            return null;
        }, ct);

    public Task<ActOutcome> RespondAsync(TenantContext caller, Guid id, Guid injectId, ResponseRequest request, CancellationToken ct) =>
        runner.RunAsync(caller, id, Lifecycle.Respond, async act =>
        {
            if (string.IsNullOrWhiteSpace(request.Response) || request.Response.Length > NoteLength)
            {
                return await Refuse.Field(new FieldError("response", "required", $"请填写处置情况（1–{NoteLength} 个字）",
                    $"The response is required (1–{NoteLength} characters)"));
            }
            var inject = (await act.Store.InjectAsync(act.Session, id, injectId))!;
            if (inject.DeliveredAt is null)
            {
                return await Refuse.With(Refusal.Conflict("not_delivered", "该情景注入尚未送达，不能回应", "The inject has not been delivered yet"));
            }
            if (inject.RespondedAt is not null)
            {
                return await Refuse.With(Refusal.Conflict("already_answered", "本单位已回应该情景注入", "The inject was already answered"));
            }
            await act.Store.RespondAsync(act.Session, injectId, request.Response.Trim(), act.Now, act.Actor);
            await act.RecordAsync("responded",
                $"{await act.NameOfAsync(act.CallerTenant)}回应注入「{inject.Title}」（用时 {Math.Round((act.Now - inject.DeliveredAt.Value).TotalMinutes, 1)} 分钟）");
            return null;
        }, ct, target: async act => (await act.Store.InjectAsync(act.Session, id, injectId))?.Target);

    public Task<ActOutcome> EvaluateAsync(TenantContext caller, Guid id, EvaluationRequest request, CancellationToken ct) =>
        runner.RunAsync(caller, id, Lifecycle.Evaluate, async act =>
        {
            var exercise = act.Exercise;
            var errors = EvaluationRules.Check(request, exercise.Participants);
            if (errors.Count > 0)
            {
                return await Refuse.Fields(errors);
            }
            var findings = (request.Findings ?? []).Select(f => new Finding
            {
                Id = Guid.CreateVersion7(), ExerciseId = exercise.Id, Title = f.Title!.Trim(),
                Severity = EnumLabel.TryParse<FindingSeverity>(f.Severity, out var severity) ? severity : FindingSeverity.Minor,
                OwnerTenant = f.Owner!, DueOnDate = f.DueOn!.Value.ToDateTime(TimeOnly.MinValue), PlanSection = f.PlanSection?.Trim(),
                State = FindingState.Open, OpenedAt = act.Now,
            }).ToList();
            await act.SaveAsync(exercise with
            {
                State = Lifecycle.After(Lifecycle.Evaluate), EvaluatedAt = act.Now, EvaluatedBy = act.Actor, EvaluationSummary = request.Summary!.Trim(),
            });
            await act.Store.AddFindingsAsync(act.Session, findings);
            await act.RecordAsync("evaluated", $"演练评估完成，发现问题 {findings.Count} 项");
            await act.PublishAsync(new ExerciseEvaluated(findings.Count, act.Now));
            return null;
        }, ct);

    public Task<ActOutcome> CloseFindingAsync(TenantContext caller, Guid id, Guid findingId, CloseFindingRequest request, CancellationToken ct) =>
        runner.RunAsync(caller, id, Lifecycle.CloseFinding, async act =>
        {
            if (request.Note is { Length: > NoteLength })
            {
                return await Refuse.Field(new FieldError("note", "too_long", $"整改说明不能超过 {NoteLength} 个字", $"The note must be at most {NoteLength} characters"));
            }
            var finding = await act.Store.FindingAsync(act.Session, id, findingId);
            if (finding is null)
            {
                return ActOutcome.Missing;
            }
            if (finding.State == FindingState.Closed)
            {
                return await Refuse.With(Refusal.Conflict("already_closed", "该问题已整改关闭", "The finding is already closed"));
            }
            await act.Store.CloseFindingAsync(act.Session, findingId, request.Note?.Trim(), act.Now, act.Actor);
            await act.RecordAsync("finding_closed", $"问题「{finding.Title}」已整改关闭");
            return null;
        }, ct);

    public Task<ActOutcome> RequestPlanRevisionAsync(TenantContext caller, Guid id, Guid findingId, CancellationToken ct) =>
        runner.RunAsync(caller, id, Lifecycle.RevisePlan, async act =>
        {
            var finding = await act.Store.FindingAsync(act.Session, id, findingId);
            if (finding is null)
            {
                return ActOutcome.Missing;
            }
            if (finding.RevisionRequestedAt is not null)
            {
                return await Refuse.With(Refusal.Conflict("revision_requested", "该问题已提请修订预案", "A plan revision was already requested for this finding"));
            }
            await act.Store.RequestRevisionAsync(act.Session, findingId, act.Now, act.Actor);
            await act.RecordAsync("plan_revision_requested",
                $"就问题「{finding.Title}」提请{await act.NameOfAsync(finding.OwnerTenant)}修订预案{(finding.PlanSection is { } s ? $"（{s}）" : "")}");
            await act.PublishAsync(new PlanRevisionRequested(finding.Id, finding.Title, finding.OwnerTenant, finding.PlanSection, act.Actor));
            return null;
        }, ct);

    private static async Task<IReadOnlyList<ExerciseParticipant>> ParticipantsAsync(ActScope act)
    {
        var participants = new List<ExerciseParticipant>();
        foreach (var code in act.Exercise.Participants)
        {
            participants.Add(new ExerciseParticipant(code, (await act.TenantAsync(code))?.Path ?? ""));
        }
        return participants;
    }
}
