namespace Fenghuo.Contracts.Exercises;

/// <summary>A tenant taking part in a drill: the organiser or one in its subtree.</summary>
public sealed record ExerciseParticipant(string TenantCode, string TenantPath);
