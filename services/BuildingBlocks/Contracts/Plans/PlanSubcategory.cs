namespace Fenghuo.Contracts.Plans;

/// <summary>A subcategory the plan lists; <see cref="Code"/> is the standard's, <see cref="Name"/> the plan's own wording.</summary>
public sealed record PlanSubcategory(string Code, string Name);
