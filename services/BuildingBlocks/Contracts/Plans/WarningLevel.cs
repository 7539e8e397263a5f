namespace Fenghuo.Contracts.Plans;

/// <summary>
/// One level of a plan's warning scheme. Plans differ (four colours, three risk levels,
/// three "situations"), so levels are data, listed highest first.
/// </summary>
/// <param name="Colour">Null where the plan names no colour.</param>
/// <param name="Grades">The grades the level stands for; empty where the plan grades warnings by scope instead.</param>
/// <param name="ResponseLevelCode">The response level whose trigger mirrors this warning, where the plan pairs them.</param>
public sealed record WarningLevel(
    string Code,
    string Name,
    WarningColour? Colour,
    IReadOnlyList<Grade> Grades,
    string? ResponseLevelCode,
    string Situation,
    IReadOnlyList<string> Measures,
    string Source);
