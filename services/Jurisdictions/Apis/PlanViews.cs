using Fenghuo.Jurisdictions.Domain.Plans;

namespace Fenghuo.Jurisdictions.Apis;

/// <summary>A plan version as the API shows it, with its revision clock.</summary>
public sealed record PlanVersionView(
    string TenantCode,
    int Version,
    PlanStatus Status,
    string Title,
    string? DocumentNumber,
    string BasedOn,
    DateOnly? EffectiveFrom,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    DateOnly? NextRevisionDue,
    bool RevisionOverdue,
    PlanDocument? Document)
{
    public static PlanVersionView Of(StoredPlanVersion v, DateOnly today, bool withDocument = true) => new(
        v.TenantCode, v.Version, v.Status, v.Document.Identity.Title, v.Document.Identity.DocumentNumber, v.BasedOn,
        v.EffectiveFrom, v.PublishedAt, v.PublishedBy, v.CreatedAt, v.CreatedBy, v.UpdatedAt,
        v.NextRevisionDue, v.Status != PlanStatus.Draft && v.IsRevisionOverdue(today), withDocument ? v.Document : null);
}

/// <summary>应急联络: the jurisdiction's duty phone, its command office and the plan's contact table.</summary>
public sealed record ContactsView(string TenantCode, string Name, string? DutyPhone, CommandOffice Office, IReadOnlyList<Contact> Contacts, int PlanVersion);

/// <summary>A jurisdiction's revision clock, for its own office and its parent command.</summary>
public sealed record RevisionView(string TenantCode, int Version, string Title, DateOnly? NextRevisionDue, bool Overdue);

public sealed record TemplateSummary(string Id, string Name, string Description, string BasedOn, string Standard);

public sealed record PlanTemplatesView(IReadOnlyList<TemplateSummary> Templates, IReadOnlyList<Taxonomy> Taxonomies);
