namespace Fenghuo.Contracts.Exercises;

/// <summary>演练结束: the exercise ran to its end; it counts toward every participant's yearly obligation.</summary>
public sealed record ExerciseCompleted(
    ExerciseKind Kind,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    IReadOnlyList<ExerciseParticipant> Participants) : ExerciseEvent;
