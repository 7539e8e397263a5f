namespace Fenghuo.Contracts.Plans;

/// <summary>
/// 事件分级. <see cref="UsesMinor"/> is true only where the plan gives 一般以下 its own
/// response; elsewhere a below-general event counts as general.
/// </summary>
public sealed record GradeScheme(
    IReadOnlyList<GradeDefinition> Definitions,
    bool UsesMinor,
    string? MinorNote,
    UndeterminedGrade Undetermined,
    string Source);
