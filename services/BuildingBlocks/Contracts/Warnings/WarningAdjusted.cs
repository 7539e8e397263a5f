namespace Fenghuo.Contracts.Warnings;

/// <summary>预警调整: the issuer raised or lowered the level of a warning in force.</summary>
public sealed record WarningAdjusted(
    string FromLevel,
    string ToLevel,
    bool Raised,
    string Reason,
    string AdjustedBy) : WarningEvent;
