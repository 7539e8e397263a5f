using Fenghuo.Contracts.Plans;

namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>A published, immutable version of a tenant's plan.</summary>
public sealed record PlanVersion(string TenantCode, int Version, DateOnly PublishedOn, PlanDocument Document)
{
    /// <summary>An undated plan is in force from the day it was published on the platform.</summary>
    public DateOnly EffectiveFrom => Document.Identity.EffectiveFrom ?? Document.Identity.IssuedOn ?? PublishedOn;

    public PlanPublished ToEvent(DateTimeOffset occurredAt, string tenantPath) =>
        new(Version, EffectiveFrom, Document.Identity.Title, Document.Identity.DocumentNumber, Document.ToRules())
        {
            OccurredAt = occurredAt, TenantCode = TenantCode, TenantPath = tenantPath,
        };
}
