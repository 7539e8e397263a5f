using Fenghuo.Contracts.Plans;

namespace Fenghuo.Warnings.Domain;

/// <summary>CAP 1.2 severity: Extreme, Severe, Moderate, Minor (Unknown is never sent: every level maps).</summary>
public enum CapSeverity
{
    Extreme,
    Severe,
    Moderate,
    Minor,
}

/// <summary>
/// How a plan's warning level maps to CAP severity, for every scheme the seeds use:
/// 1. a colour maps as the national plan pairs colours with grades (red 特别重大 → Extreme,
///    orange 重大 → Severe, yellow 较大 → Moderate, blue 一般 → Minor);
/// 2. a colourless level that stands for grades takes its gravest grade (001's Ⅰ–Ⅳ, 000's risk
///    levels: 较大以上 → Extreme, 一般 and 一般以下 → Minor);
/// 3. a level with neither (003's situations) takes its place in its own scheme, the first level
///    Extreme and one severity less for each step down, never below Minor.
/// </summary>
public static class WarningSeverity
{
    public static CapSeverity Of(WarningScheme scheme, WarningLevel level)
    {
        if (level.Colour is { } colour)
        {
            return colour switch
            {
                WarningColour.Red => CapSeverity.Extreme,
                WarningColour.Orange => CapSeverity.Severe,
                WarningColour.Yellow => CapSeverity.Moderate,
                _ => CapSeverity.Minor,
            };
        }
        if (level.Grades.Count > 0)
        {
            return level.Grades.Select(OfGrade).Min();
        }
        var position = scheme.Levels.ToList().FindIndex(l => l.Code == level.Code);
        return (CapSeverity)Math.Clamp(position, 0, (int)CapSeverity.Minor);
    }

    private static CapSeverity OfGrade(Grade grade) => grade switch
    {
        Grade.EspeciallyMajor => CapSeverity.Extreme,
        Grade.Major => CapSeverity.Severe,
        Grade.Large => CapSeverity.Moderate,
        _ => CapSeverity.Minor,
    };
}
