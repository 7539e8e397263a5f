using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Warnings.Domain;
using Fenghuo.Warnings.Domain.Cap;
using Fenghuo.Contracts;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Warnings.Acts;

/// <summary>
/// Issue, adjust and lift — by the issuing tenant alone, with a role its plan names
/// (issuance.approverRoles) — and acknowledge, by each tenant the warning reached. Each act
/// that changes what the warning says publishes a CAP message and an event in its transaction.
/// </summary>
public sealed class WarningActs(ActRunner runner)
{
    public Task<ActOutcome> IssueAsync(WarningCaller? caller, Guid id, CancellationToken ct) =>
        runner.RunAsync(caller, id, Lifecycle.Issue, async act =>
        {
            var warning = act.Warning;
            if (warning.Expires <= act.Now)
            {
                return await Refuse.Field(new FieldError("expiresAt", "in_the_past", "预警截止时间已过，不能再发布；请重新提出预警",
                    "The warning's expiry has passed; propose it again"));
            }
            // The whole subtree below the issuer as this service knows it now; a tenant onboarded later sees the warning but owes no receipt.
            var reached = (await act.TenantsAsync())
                .Where(t => t.IsActive && t.Path != warning.TenantPath && Subtree.Contains(warning.TenantPath, t.Path))
                .ToList();
            var level = act.Plan.Scheme.Find(warning.Level)!;
            var issued = new WarningIssued(level.Code, level.Name, warning.Title, warning.Category, warning.Visibility, warning.Exercise,
                warning.Starts, warning.Expires, reached.Select(t => t.Code).ToList(), warning.ReportedTo, act.Caller.Actor);
            await act.SaveAsync(warning with
            {
                State = EnumLabel.Of(Lifecycle.After(Lifecycle.Issue)), IssuedAt = act.Now.UtcDateTime, IssuedBy = act.Caller.Actor,
            });
            await act.Store.AddReceiptsAsync(act.Session, warning.Id, reached.Select(t => (t.Code, t.Path, t.Name)));
            await act.RecordAsync("issued", $"发布{level.Name}，送达下辖 {reached.Count} 个单位" + (warning.ReportedTo is { } parent ? $"，报{await act.NameOfAsync(parent)}" : ""),
                published: CapMessageType.Alert, eventId: issued.EventId);
            await act.PublishAsync(issued);
            return null;
        }, ct);

    public Task<ActOutcome> AdjustAsync(WarningCaller? caller, Guid id, AdjustRequest request, CancellationToken ct) =>
        runner.RunAsync(caller, id, Lifecycle.Adjust, async act =>
        {
            var warning = act.Warning;
            var scheme = act.Plan.Scheme;
            var errors = new[]
            {
                ProposalRules.CheckLevel("level", request.Level, scheme),
                request.Level == warning.Level
                    ? new FieldError("level", "same_level", $"预警当前已是{scheme.Find(warning.Level)!.Name}，调整须改为其他级别",
                        $"The warning is already at level {warning.Level}; adjust it to another level")
                    : null,
                ProposalRules.CheckReason(request.Reason, "调整理由"),
            }.OfType<FieldError>().ToList();
            if (errors.Count > 0)
            {
                return ActOutcome.Invalid(errors);
            }
            var from = scheme.Find(warning.Level)!;
            var to = scheme.Find(request.Level)!;
            var raised = scheme.IsRaise(from.Code, to.Code);
            var adjusted = new WarningAdjusted(from.Code, to.Code, raised, request.Reason!, act.Caller.Actor);
            await act.SaveAsync(warning with { State = EnumLabel.Of(Lifecycle.After(Lifecycle.Adjust)), Level = to.Code });
            await act.RecordAsync("adjusted", $"预警级别由{from.Name}{(raised ? "提升" : "降低")}为{to.Name}：{request.Reason}", request.Reason,
                CapMessageType.Update, adjusted.EventId);
            await act.PublishAsync(adjusted);
            return null;
        }, ct);

    public Task<ActOutcome> LiftAsync(WarningCaller? caller, Guid id, LiftRequest request, CancellationToken ct) =>
        runner.RunAsync(caller, id, Lifecycle.Lift, async act =>
        {
            if (ProposalRules.CheckReason(request.Reason, "解除理由") is { } invalid)
            {
                return ActOutcome.Invalid(invalid);
            }
            var warning = act.Warning;
            var lifted = new WarningLifted(warning.Level, request.Reason!, act.Caller.Actor);
            await act.SaveAsync(warning with
            {
                State = EnumLabel.Of(Lifecycle.After(Lifecycle.Lift)), EndedAt = act.Now.UtcDateTime, EndReason = request.Reason,
            });
            await act.RecordAsync("lifted", $"解除预警：{request.Reason}", request.Reason, CapMessageType.Cancel, lifted.EventId);
            await act.PublishAsync(lifted);
            return null;
        }, ct);

    public Task<ActOutcome> AcknowledgeAsync(WarningCaller? caller, Guid id, CancellationToken ct) =>
        runner.RunAsync(caller, id, Lifecycle.Acknowledge, async act =>
        {
            var warning = act.Warning;
            var receipt = await act.Store.ReceiptAsync(act.Session, warning.Id, act.Caller.TenantCode);
            if (receipt is null)
            {
                return await Refuse.With(Refusal.NotReached(Lifecycle.Acknowledge.Zh, Lifecycle.Acknowledge.En));
            }
            if (receipt.AcknowledgedAt is not null)
            {
                return await Refuse.With(Refusal.Conflict("already_acknowledged", "本单位已签收该预警", "The caller's jurisdiction already acknowledged this warning"));
            }
            await act.Store.AcknowledgeAsync(act.Session, warning.Id, act.Caller.TenantCode, act.Now, act.Caller.Actor);
            await act.PublishAsync(new WarningAcknowledged(act.Caller.TenantCode, act.Caller.Actor));
            return null;
        }, ct);
}
