using Fenghuo.Contracts.Plans;

namespace Fenghuo.Warnings.Domain;

/// <summary>
/// The questions the service asks of a plan's warning scheme, from the scheme alone. Schemes list
/// their levels highest first and differ in number and naming, so nothing here assumes four colours.
/// </summary>
public static class WarningLevels
{
    public static WarningLevel? Find(this WarningScheme scheme, string? code) => scheme.Levels.FirstOrDefault(l => l.Code == code);

    /// <summary>The levels as a user reads them in an error: "I（Ⅰ级预警）、II（Ⅱ级预警）…".</summary>
    public static string Listed(this WarningScheme scheme) => string.Join("、", scheme.Levels.Select(l => $"{l.Code}（{l.Name}）"));

    public static string Codes(this WarningScheme scheme) => string.Join(", ", scheme.Levels.Select(l => l.Code));

    /// <summary>Whether moving from one level to another raises the warning (higher levels come first).</summary>
    public static bool IsRaise(this WarningScheme scheme, string from, string to) => Position(scheme, to) < Position(scheme, from);

    /// <summary>The measures the plan sets for a level: every warning's common ones, then the level's own.</summary>
    public static IReadOnlyList<string> PlanMeasures(this WarningScheme scheme, WarningLevel level) => [.. scheme.CommonMeasures, .. level.Measures];

    private static int Position(WarningScheme scheme, string code) => scheme.Levels.ToList().FindIndex(l => l.Code == code);
}
