using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;

namespace Fenghuo.Incidents.Acts;

/// <summary>
/// Up the chain of command: a tenant holding the incident sends it to its parent (report, request
/// support, ask the parent to take over); a command it reached signs for it, asks questions, and
/// may take over command.
/// </summary>
public sealed class EscalationActs(ActRunner runner, PlanRulesReplica plans, IncidentStore store, IncidentsOptions options)
{
    public Task<ActOutcome> EscalateAsync(TenantContext caller, Guid id, EscalationRequest request, CancellationToken ct, int? seen = null) =>
        runner.RunAsync(caller, id, Lifecycle.Escalate, async act =>
        {
            if (!EnumLabel.TryParse<EscalationKind>(request.Kind, out var kind))
            {
                return await Refuse.Field("kind", "unknown", "报送类型须为 report（报告）、support（请求支援）或 handover（请求接管指挥）",
                    "The kind must be report, support or handover");
            }
            if (await Refuse.Required("reason", "报送理由", "reason", request.Reason) is { } invalid)
            {
                return invalid;
            }
            var parent = await ParentOfAsync(act);
            if (parent is null)
            {
                return await Refuse.With(act.Incident.Exercise
                    ? Refusal.Conflict("no_parent", "上级指挥机构未参加本次演练，演练事件不能报送出演练范围", "The command above does not take part in the exercise; a drill stays among its participants")
                    : Refusal.Conflict("no_parent", "本级已是最高一级指挥机构，无上级可报送", "There is no command above this one"));
            }
            if (await store.HasEscalationAsync(await act.SessionAsync(), act.Incident.Id, act.CallerTenant, kind))
            {
                return await Refuse.With(Refusal.Conflict("already_escalated", $"已向{parent.Name}报送过此类事项", $"This was already sent to {parent.Code} as {EnumLabel.Of(kind)}"));
            }
            await SendUpAsync(act, parent, kind, request.Reason!, request.ByPhone ?? false, automatic: false);
            return null;
        }, ct, seen: seen);

    /// <summary>The request for support a plan's escalating level makes by itself; once per command.</summary>
    public async Task EscalateAutomaticallyAsync(ActScope act, string reason)
    {
        var parent = await ParentOfAsync(act);
        if (parent is null || await store.HasEscalationAsync(await act.SessionAsync(), act.Incident.Id, act.CallerTenant, EscalationKind.Support))
        {
            return;
        }
        await SendUpAsync(act, parent, EscalationKind.Support, reason, byPhone: false, automatic: true);
    }

    public Task<ActOutcome> AcknowledgeAsync(TenantContext caller, Guid id, CancellationToken ct, int? seen = null) =>
        runner.RunAsync(caller, id, Lifecycle.Acknowledge, async act =>
        {
            var incident = act.Incident;
            var signed = await store.AcknowledgeAsync(await act.SessionAsync(), incident.Id, act.CallerTenant, act.Now, act.Actor);
            if (signed == 0)
            {
                return await Refuse.With(Refusal.Conflict("already_acknowledged", "已签收，无待签收的报送", "Every escalation to this command is already acknowledged"));
            }
            act.Record("acknowledged", $"{await act.NameOfAsync(act.CallerTenant)}签收");
            act.Publish(new EscalationAcknowledged(act.CallerTenant, act.Actor));
            return null;
        }, ct, seen: seen);

    public Task<ActOutcome> TakeOverAsync(TenantContext caller, Guid id, TakeoverRequest request, CancellationToken ct, int? seen = null) =>
        runner.RunAsync(caller, id, Lifecycle.TakeOver, async act =>
        {
            var incident = act.Incident;
            if (await Refuse.Required("reason", "接管理由", "reason", request.Reason) is { } invalid)
            {
                return invalid;
            }
            var from = incident.CommandTenant;
            act.Save(incident with { CommandTenant = act.CallerTenant });
            act.Record("command_taken_over",
                $"{await act.NameOfAsync(act.CallerTenant)}接管指挥（原由{await act.NameOfAsync(from)}指挥）：{request.Reason}", new { from, reason = request.Reason });
            act.Publish(new CommandTakenOver(from, act.CallerTenant, request.Reason!, act.Actor));
            return null;
        }, ct, seen: seen);

    public Task<ActOutcome> InquireAsync(TenantContext caller, Guid id, InquiryRequest request, CancellationToken ct, int? seen = null) =>
        runner.RunAsync(caller, id, Lifecycle.Inquire, async act =>
        {
            if (await Refuse.Required("question", "问询内容", "question", request.Question) is { } invalid)
            {
                return invalid;
            }
            var incident = act.Incident;
            // The question goes to whoever sent the incident up to the asking command.
            var chain = incident.EscalatedTo.Prepend(incident.TenantCode).ToList();
            var answering = chain[chain.IndexOf(act.CallerTenant) - 1];
            var answeringPlan = answering == incident.TenantCode
                ? act.Plan
                : (await plans.InForceAsync(await act.SessionAsync(), answering, act.Now.ShanghaiDate()))?.Rules;
            var inquiryId = Guid.CreateVersion7();
            var clock = Clocks.InquiryAnswer(answeringPlan, options.InquiryAnswerDefaultMinutes, answering, act.Now, inquiryId);
            act.Defer(IncidentStore.InquiryCommand(new InquiryRow
            {
                Id = inquiryId, IncidentId = incident.Id, FromTenant = act.CallerTenant, ToTenant = answering, Question = request.Question!,
                AskedAt = act.Now, AskedBy = act.Actor, AnswerDueAt = clock.DueAt,
            }));
            act.Defer(IncidentStore.DeadlineCommand(incident, clock));
            act.Record("inquiry_sent", $"{await act.NameOfAsync(act.CallerTenant)}问询{await act.NameOfAsync(answering)}：{request.Question}",
                new { inquiryId, question = request.Question });
            act.Publish(new InquirySent(inquiryId, act.CallerTenant, answering, request.Question!, clock.DueAt, act.Actor));
            return null;
        }, ct, seen: seen);

    public Task<ActOutcome> AnswerAsync(TenantContext caller, Guid id, Guid inquiryId, AnswerRequest request, CancellationToken ct, int? seen = null) =>
        runner.RunAsync(caller, id, Lifecycle.Answer, async act =>
        {
            var incident = act.Incident;
            var inquiry = (await store.FindInquiryAsync(await act.SessionAsync(), incident.Id, inquiryId))!;
            if (inquiry.Answer is not null)
            {
                return await Refuse.With(Refusal.Conflict("already_answered", "该问询已答复", "This inquiry is already answered"));
            }
            if (await Refuse.Required("answer", "答复内容", "answer", request.Answer) is { } invalid)
            {
                return invalid;
            }
            await store.AnswerInquiryAsync(await act.SessionAsync(), inquiry.Id, request.Answer!, act.Now, act.Actor);
            var inTime = await store.MeetDeadlineAsync(await act.SessionAsync(), incident.Id, DeadlineKind.InquiryAnswer, inquiry.Id, act.Now) ?? true;
            act.Record("inquiry_answered", $"答复{await act.NameOfAsync(inquiry.FromTenant)}问询：{request.Answer}", new { inquiryId, answer = request.Answer });
            act.Publish(new InquiryAnswered(inquiry.Id, inquiry.FromTenant, inquiry.ToTenant, inTime, act.Actor));
            return null;
        }, ct, seen: seen, askedOf: async act => (await store.FindInquiryAsync(await act.SessionAsync(), act.Incident.Id, inquiryId))?.ToTenant);

    private async Task SendUpAsync(ActScope act, TenantEntry parent, EscalationKind kind, string reason, bool byPhone, bool automatic)
    {
        var incident = act.Incident;
        var escalationId = Guid.CreateVersion7();
        if (!incident.EscalatedTo.Contains(parent.Code))
        {
            act.Save(incident with { EscalatedTo = [.. incident.EscalatedTo, parent.Code] });
        }
        act.Defer(IncidentStore.EscalationCommand(new EscalationRow
        {
            Id = escalationId, IncidentId = incident.Id, Kind = kind, FromTenant = act.CallerTenant, ToTenant = parent.Code,
            Reason = reason, Automatic = automatic, ByPhone = byPhone, At = act.Now, By = act.Actor,
        }));
        if (act.CallerTenant == incident.TenantCode)
        {
            act.Defer(IncidentStore.MeetDeadlineCommand(incident.Id, DeadlineKind.ReportUpward, null, act.Now));
        }
        var writtenReport = byPhone ? Clocks.WrittenReport(act.Plan, act.CallerTenant, act.Now) : null;
        if (writtenReport is { } written)
        {
            act.Defer(IncidentStore.DeadlineCommand(incident, written));
        }
        act.Record("escalated", $"向{parent.Name}{EnumLabel.Chinese(kind)}{(byPhone ? "（电话）" : "")}{(automatic ? "（按预案自动报送）" : "")}：{reason}",
            new { escalationId, kind = EnumLabel.Of(kind), to = parent.Code, byPhone, automatic });
        act.Publish(new IncidentEscalated(escalationId, kind, act.CallerTenant, parent.Code, reason, automatic, act.Actor)
        {
            WrittenReportDueAt = writtenReport?.DueAt,
        });
    }

    /// <summary>The command above the caller; for a drill, only one taking part in the exercise.</summary>
    private static async Task<TenantEntry?> ParentOfAsync(ActScope act) =>
        (await act.TenantAsync(act.CallerTenant))?.ParentCode is { } parent && act.Incident.MayReach(parent) ? await act.TenantAsync(parent) : null;
}
