using System.Text.Json;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Jurisdictions.Data;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Jurisdictions.Messaging;

/// <summary>
/// 预案修订: an exercise finding asks its owner for a plan revision. The owner's open draft cites it;
/// without one, a draft is opened from the plan in force, as its office would with from="current".
/// Applied in the organiser's scope: the owner is the organiser or lies below it.
/// </summary>
public sealed class PlanRevisionRequestedConsumer(
    TenantDatabase database, JurisdictionStore jurisdictions, PlanStore plans, CitationStore citations, AuditTrail audit, TimeProvider time,
    ILogger<PlanRevisionRequestedConsumer> logger) : IdempotentConsumer<PlanRevisionRequested>(database, logger)
{
    protected override async Task ApplyAsync(PlanRevisionRequested message, DbSession session, CancellationToken cancellationToken)
    {
        var owner = await jurisdictions.FindAsync(session, message.OwningTenant);
        if (owner is null || !Subtree.Contains(message.TenantPath, owner.Path))
        {
            logger.LogWarning("Plan revision for finding {Finding} not opened: {Owner} is not in {Organiser}'s subtree", message.FindingId, message.OwningTenant, message.TenantCode);
            return;
        }
        var now = time.GetUtcNow();
        var draft = (await plans.ListAsync(session, owner.Code)).FirstOrDefault(v => v.Status == PlanStatus.Draft);
        if (draft is null)
        {
            if (await plans.InForceAsync(session, owner.Code, now.ShanghaiDate()) is not { } current)
            {
                logger.LogWarning("Plan revision for finding {Finding} not opened: {Owner} has no plan in force", message.FindingId, owner.Code);
                return;
            }
            draft = new StoredPlanVersion(owner.Code, await plans.NextVersionAsync(session, owner.Code), PlanStatus.Draft, $"version:{current.Version}",
                null, null, null, now, message.RequestedBy, now, current.Document);
            await plans.InsertAsync(session, owner.Path, draft);
            await audit.AppendAsync(session, new AuditEntry(now, owner.Code, message.RequestedBy, "plan.draft", $"{owner.Code}/v{draft.Version}", "success",
                CorrelationId.Current, JsonSerializer.Serialize(new { basedOn = draft.BasedOn, findingId = message.FindingId })));
        }
        await citations.AddAsync(session, owner.Code, owner.Path, new PlanCitation
        {
            FindingId = message.FindingId, Version = draft.Version, ExerciseId = message.ExerciseId, ExerciseTitle = message.Title,
            FindingTitle = message.FindingTitle, PlanSection = message.PlanSection, RequestedBy = message.RequestedBy, CitedAt = now,
        });
    }
}
