namespace Fenghuo.Contracts.Plans;

/// <summary>One of the four grades with the plan's own criteria, summarised (any one criterion suffices).</summary>
public sealed record GradeDefinition(Grade Grade, string Name, IReadOnlyList<string> Criteria, string Source);
