namespace Fenghuo.Contracts.Incidents;

/// <summary>A clock is about to run out; sent once, the configured lead time before <see cref="DueAt"/>.</summary>
public sealed record DeadlineApproaching(
    Guid DeadlineId,
    DeadlineKind Kind,
    string OwedBy,
    DateTimeOffset DueAt) : IncidentEvent;
