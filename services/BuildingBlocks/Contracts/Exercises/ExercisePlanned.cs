namespace Fenghuo.Contracts.Exercises;

/// <summary>演练计划: an exercise was planned by the tenant in the header.</summary>
public sealed record ExercisePlanned(
    ExerciseKind Kind,
    DateTimeOffset ScheduledStart,
    DateTimeOffset ScheduledEnd,
    IReadOnlyList<ExerciseParticipant> Participants) : ExerciseEvent;
