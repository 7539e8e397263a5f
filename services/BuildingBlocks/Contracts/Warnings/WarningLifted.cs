namespace Fenghuo.Contracts.Warnings;

/// <summary>预警解除: the issuer lifted its warning (谁发布谁解除).</summary>
public sealed record WarningLifted(
    string Level,
    string Reason,
    string LiftedBy) : WarningEvent;
