using Fenghuo.Contracts.Incidents;

namespace Fenghuo.Contracts.Exercises;

/// <summary>
/// How one clock of a drill incident went: met in time, missed, or met late after it was missed
/// (<see cref="MetAt"/> set, <see cref="Met"/> false). Sent by the incidents service each time a
/// drill clock's outcome changes, so the exercise's report measures the chain's real performance.
/// </summary>
public sealed record DrillClockSettled(
    Guid ExerciseId,
    Guid InjectId,
    Guid DeadlineId,
    DeadlineKind Kind,
    string OwedBy,
    DateTimeOffset DueAt,
    DateTimeOffset? MetAt,
    bool Met) : IncidentEvent;
