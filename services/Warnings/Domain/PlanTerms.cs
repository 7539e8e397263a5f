using System.Text.Json;
using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts;

namespace Fenghuo.Warnings.Domain;

public sealed record NamedCode(string Code, string Name);

/// <summary>
/// The parts of the issuing plan version a warning is read by, kept with the warning: the tenants
/// it reaches and the parent it is reported to cannot read the issuer's plan (plans are visible
/// down the tree only), yet must see its levels, measures and recommended response.
/// </summary>
public sealed record PlanTerms(
    int Version,
    WarningScheme Scheme,
    TaxonomyStandard Standard,
    IReadOnlyList<NamedCode> Categories,
    IReadOnlyList<NamedCode> ResponseLevels)
{
    public static PlanTerms Of(int version, PlanRules rules) => new(
        version,
        rules.WarningScheme,
        rules.Taxonomy.Standard,
        rules.Taxonomy.Categories.Select(c => new NamedCode(c.Code, c.Name)).ToList(),
        rules.ResponseLevels.Select(r => new NamedCode(r.Code, r.Name)).ToList());

    public string CategoryName(string code) => Categories.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    /// <summary>The response level the plan pairs with a warning level, if it pairs one.</summary>
    public NamedCode? RecommendedResponse(WarningLevel level) =>
        level.ResponseLevelCode is { } code ? ResponseLevels.FirstOrDefault(r => r.Code == code) : null;

    public string ToJson() => JsonSerializer.Serialize(this, FenghuoJson.Options);

    public static PlanTerms FromJson(string json) => JsonSerializer.Deserialize<PlanTerms>(json, FenghuoJson.Options)!;
}
