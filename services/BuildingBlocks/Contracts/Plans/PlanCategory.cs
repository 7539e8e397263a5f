namespace Fenghuo.Contracts.Plans;

/// <summary>
/// A category the plan uses. Subcategories are only those the plan itself lists; an empty
/// list means the plan names the category without subdividing it.
/// </summary>
public sealed record PlanCategory(string Code, string Name, IReadOnlyList<PlanSubcategory> Subcategories, string? Note);
