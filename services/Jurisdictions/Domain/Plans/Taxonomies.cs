using Fenghuo.Contracts.Plans;

namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>The national taxonomies a plan may choose from (GB/Z 20986-2007 and GB/T 20986-2023).</summary>
public sealed class Taxonomies(IReadOnlyList<Taxonomy> all)
{
    private static readonly Lazy<Taxonomies> Embedded = new(() => new Taxonomies(
        [PlanResources.Read<Taxonomy>("Taxonomies.gbz_20986_2007.json"), PlanResources.Read<Taxonomy>("Taxonomies.gbt_20986_2023.json")]));

    /// <summary>The reference data shipped with the service.</summary>
    public static Taxonomies BuiltIn => Embedded.Value;

    public IReadOnlyList<Taxonomy> All { get; } = all;

    public Taxonomy? Find(TaxonomyStandard standard) => All.FirstOrDefault(t => t.Standard == standard);
}
