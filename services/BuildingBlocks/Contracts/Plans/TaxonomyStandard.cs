namespace Fenghuo.Contracts.Plans;

/// <summary>
/// The national classification a plan follows. Member names carry underscores so the
/// lower_snake labels read like the standards' numbers (gbz_20986_2007, gbt_20986_2023).
/// </summary>
public enum TaxonomyStandard
{
    /// <summary>GB/Z 20986-2007 信息安全事件分类分级指南: 7 categories.</summary>
    Gbz_20986_2007,

    /// <summary>GB/T 20986-2023 网络安全事件分类分级指南: 10 categories.</summary>
    Gbt_20986_2023,
}
