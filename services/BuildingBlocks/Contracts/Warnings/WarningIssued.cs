namespace Fenghuo.Contracts.Warnings;

/// <summary>
/// 预警发布: a warning came into force. It reaches every tenant in <see cref="Recipients"/> (the
/// issuer's whole subtree) and is reported to the issuer's parent command.
/// </summary>
/// <param name="Level">The level's code in the issuer's plan (III, yellow, situation_3 …).</param>
/// <param name="Exercise">A drill (CAP status Exercise): excluded from real statistics.</param>
public sealed record WarningIssued(
    string Level,
    string LevelName,
    string Title,
    string Category,
    WarningPublicity Publicity,
    bool Exercise,
    DateTimeOffset StartsAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<string> Recipients,
    string? ReportedTo,
    string IssuedBy) : WarningEvent;
