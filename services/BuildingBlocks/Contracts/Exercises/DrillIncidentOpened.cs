using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;

namespace Fenghuo.Contracts.Exercises;

/// <summary>
/// 演练事件已建立: the incidents service opened the drill incident an inject asked for, at the
/// inject's target (the header names it, the incident and its 演练 number).
/// </summary>
public sealed record DrillIncidentOpened(Guid ExerciseId, Guid InjectId, Grade Grade, string Category, DateTimeOffset ReportedAt) : IncidentEvent
{
    /// <summary>When the target's report upward falls due, as the incidents service started its clock; null when none runs (its parent takes no part in the drill, or its plan sets none).</summary>
    public DateTimeOffset? ReportDueAt { get; init; }
}
