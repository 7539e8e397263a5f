using Fenghuo.Contracts.Plans;

namespace Fenghuo.Contracts.Incidents;

/// <summary>An incident was recorded on the report form under the plan version in force.</summary>
public sealed record IncidentReported(
    int PlanVersion,
    Grade Grade,
    string Category,
    string? Subcategory,
    DateTimeOffset IncidentOccurredAt,
    string ReportedBy) : IncidentEvent
{
    /// <summary>When the report upward (向上报告) falls due under the plan; null where no report upward is owed.</summary>
    public DateTimeOffset? ReportUpwardDueAt { get; init; }
}
