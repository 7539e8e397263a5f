namespace Fenghuo.Contracts.Incidents;

/// <summary>A clock ran out before the act it waited for; sent exactly once per deadline.</summary>
public sealed record DeadlineMissed(
    Guid DeadlineId,
    DeadlineKind Kind,
    string OwedBy,
    DateTimeOffset DueAt) : IncidentEvent;
