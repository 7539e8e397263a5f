namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>A version of a tenant's plan as kept: its document and where it stands in its lifecycle.</summary>
public sealed record StoredPlanVersion(
    string TenantCode,
    int Version,
    PlanStatus Status,
    string BasedOn,
    DateOnly? EffectiveFrom,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    PlanDocument Document)
{
    /// <summary>When the next revision (预案修订) is due, counted from the plan's own dates or, undated, from its publication here.</summary>
    public DateOnly? NextRevisionDue => Document.Identity.NextRevisionDue(PublishedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null);

    public bool IsRevisionOverdue(DateOnly today) => NextRevisionDue is { } due && due < today;

    public PlanVersion ToPublished() =>
        new(TenantCode, Version, DateOnly.FromDateTime((PublishedAt ?? CreatedAt).UtcDateTime), Document);
}
