using Fenghuo.Contracts.Plans;

namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>One national classification standard as built-in reference data.</summary>
public sealed record Taxonomy(TaxonomyStandard Standard, string Title, string Note, IReadOnlyList<TaxonomyCategory> Categories)
{
    public TaxonomyCategory? Category(string? code) => Categories.FirstOrDefault(c => c.Code == code);
}
