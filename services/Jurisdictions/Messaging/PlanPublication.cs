using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Jurisdictions.Data;
using Fenghuo.Jurisdictions.Domain;
using Fenghuo.Jurisdictions.Domain.Plans;

namespace Fenghuo.Jurisdictions.Messaging;

/// <summary>
/// Publishes a plan version: marks it published (superseding older ones) and tells other services
/// its rules in the same transaction, so they keep their own copy for the incidents under it.
/// </summary>
public sealed class PlanPublication(PlanStore plans, Outbox outbox, AuditTrail audit, TimeProvider time)
{
    public async Task PublishAsync(DbSession session, Jurisdiction jurisdiction, int version, DateOnly effectiveFrom, string by)
    {
        var now = time.GetUtcNow();
        await plans.PublishAsync(session, jurisdiction.Code, version, effectiveFrom, now, by);
        var published = (await plans.FindAsync(session, jurisdiction.Code, version))!;
        await AnnounceAsync(session, published, jurisdiction.Path);
        await audit.AppendAsync(session, new AuditEntry(now, jurisdiction.Code, by, "plan.publish",
            $"{jurisdiction.Code}/v{version}", "success", ServiceDefaults.Http.CorrelationId.Current,
            $$"""{"effectiveFrom":"{{effectiveFrom:yyyy-MM-dd}}"}"""));
    }

    /// <summary>Tells other services about a version that is already published (at publication, and again when one asks to resync).</summary>
    public Task AnnounceAsync(DbSession session, StoredPlanVersion version, string tenantPath) =>
        outbox.EnqueueAsync(session, version.ToPublished().ToEvent(time.GetUtcNow(), tenantPath));
}
