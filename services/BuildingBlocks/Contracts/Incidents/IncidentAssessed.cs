using Fenghuo.Contracts.Plans;

namespace Fenghuo.Contracts.Incidents;

/// <summary>研判: confirmed, a false alarm, or not a security incident; with the grade and the level the plan calls for.</summary>
public sealed record IncidentAssessed(
    AssessmentOutcome Outcome,
    Grade Grade,
    bool CapacityExceeded,
    string? RecommendedResponseLevel,
    string AssessedBy) : IncidentEvent
{
    /// <summary>
    /// When a confirmed incident's report upward falls due under its assessed grade (the clock is
    /// re-set while it is still owed); null where the grade sets no clock or the outcome drops the clocks.
    /// </summary>
    public DateTimeOffset? ReportUpwardDueAt { get; init; }
}
