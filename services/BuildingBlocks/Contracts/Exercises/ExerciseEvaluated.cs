namespace Fenghuo.Contracts.Exercises;

/// <summary>演练评估: the exercise's evaluation was recorded with its findings.</summary>
public sealed record ExerciseEvaluated(int Findings, DateTimeOffset EvaluatedAt) : ExerciseEvent;
