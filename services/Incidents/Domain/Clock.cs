using Fenghuo.Contracts.Incidents;

namespace Fenghuo.Incidents.Domain;

/// <summary>A deadline to be kept: what is owed, by which tenant, by when, under which rule.</summary>
public sealed record Clock(DeadlineKind Kind, DateTimeOffset DueAt, string OwedBy, string Source, Guid? InquiryId = null);
