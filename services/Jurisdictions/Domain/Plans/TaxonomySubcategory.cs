namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>A subcategory of a national standard, with a stable code that plans and reports refer to.</summary>
public sealed record TaxonomySubcategory(string Code, string Name, string NameEn);
