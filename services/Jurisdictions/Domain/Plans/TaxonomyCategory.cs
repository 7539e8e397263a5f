namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>A category of a national standard. <see cref="Description"/> is a summary, not the standard's text.</summary>
public sealed record TaxonomyCategory(
    string Code,
    string Name,
    string NameEn,
    string Description,
    IReadOnlyList<TaxonomySubcategory> Subcategories)
{
    public bool HasSubcategory(string? code) => Subcategories.Any(s => s.Code == code);
}
