namespace Fenghuo.Warnings.Domain;

/// <summary>
/// 预警建议: what a command proposes to issue. Codes arrive as strings so a wrong one gets a field
/// error naming the plan's own; <see cref="StartsAt"/> defaults to now; <see cref="Exercise"/> marks a drill.
/// </summary>
public sealed record WarningProposal(
    string? Level,
    string? Title,
    string? Situation,
    string? Category,
    string? AffectedScope,
    IReadOnlyList<string>? Measures,
    DateTimeOffset? StartsAt,
    DateTimeOffset? ExpiresAt,
    string? Publicity,
    bool? Exercise);
