namespace Fenghuo.Contracts.Plans;

/// <summary>预警: the levels, the actions every warning starts, who issues and lifts, and where warnings come from.</summary>
public sealed record WarningScheme(
    IReadOnlyList<WarningLevel> Levels,
    IReadOnlyList<string> CommonMeasures,
    WarningIssuance Issuance,
    IReadOnlyList<string> InformationSources,
    string Source);
