namespace Fenghuo.Contracts.Warnings;

/// <summary>预警解除: the issuer lifted its warning (谁发布谁解除).</summary>
public sealed record WarningLifted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string TenantCode,
    string TenantPath,
    Guid WarningId,
    string Number,
    string Level,
    string Reason,
    string LiftedBy) : IIntegrationEvent;
