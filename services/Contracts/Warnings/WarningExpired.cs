namespace Fenghuo.Contracts.Warnings;

/// <summary>A warning reached its expiry without being lifted; nobody acted.</summary>
public sealed record WarningExpired(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string TenantCode,
    string TenantPath,
    Guid WarningId,
    string Number,
    string Level,
    DateTimeOffset ExpiresAt) : IIntegrationEvent;
