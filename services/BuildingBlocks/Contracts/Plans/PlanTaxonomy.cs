namespace Fenghuo.Contracts.Plans;

/// <summary>事件分类: the standard a plan follows and the categories its report form offers.</summary>
public sealed record PlanTaxonomy(TaxonomyStandard Standard, IReadOnlyList<PlanCategory> Categories, string Source);
