using Fenghuo.Contracts.Plans;

namespace Fenghuo.Contracts.Incidents;

/// <summary>研判: confirmed, a false alarm, or not a security incident; with the grade and the level the plan calls for.</summary>
public sealed record IncidentAssessed(
    AssessmentOutcome Outcome,
    Grade Grade,
    bool CapacityExceeded,
    string? RecommendedResponseLevel,
    string AssessedBy) : IncidentEvent;
