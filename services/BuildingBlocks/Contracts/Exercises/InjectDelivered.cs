using Fenghuo.Contracts.Plans;

namespace Fenghuo.Contracts.Exercises;

/// <summary>
/// 演练情景注入: an inject reached its target participant at its time. When the inject opens a drill
/// incident, <see cref="DrillIncident"/> says what the incidents service records at the target.
/// </summary>
public sealed record InjectDelivered(
    Guid InjectId,
    ExerciseParticipant Target,
    string InjectTitle,
    string Content,
    string ExpectedAction,
    DrillIncident? DrillIncident) : ExerciseEvent
{
    /// <summary>Every tenant taking part: a drill incident's escalation stays among them.</summary>
    public IReadOnlyList<ExerciseParticipant> Participants { get; init; } = [];
}

/// <summary>The drill incident an inject opens: a real incident of the target's plan, marked as a drill.</summary>
public sealed record DrillIncident(string Category, string? Subcategory, Grade Grade, string Description, DateTimeOffset OccurredAt);
