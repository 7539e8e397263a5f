namespace Fenghuo.Contracts.Plans;

/// <summary>应急演练. <see cref="MinimumPerYear"/> is null where the plan only says "periodically".</summary>
public sealed record ExerciseRules(int? MinimumPerYear, string? OrganisedBy, string? Note, string Source);
