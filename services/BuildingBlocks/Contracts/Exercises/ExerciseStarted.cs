namespace Fenghuo.Contracts.Exercises;

/// <summary>演练开始: the exercise is running; its injects are delivered from <see cref="StartedAt"/>.</summary>
public sealed record ExerciseStarted(
    ExerciseKind Kind,
    DateTimeOffset StartedAt,
    IReadOnlyList<ExerciseParticipant> Participants) : ExerciseEvent;
