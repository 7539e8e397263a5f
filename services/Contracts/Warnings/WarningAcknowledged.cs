namespace Fenghuo.Contracts.Warnings;

/// <summary>签收: a tenant the warning reached confirmed receipt. Tenant fields are the issuer's.</summary>
public sealed record WarningAcknowledged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string TenantCode,
    string TenantPath,
    Guid WarningId,
    string Number,
    string AcknowledgedByTenant,
    string AcknowledgedBy) : IIntegrationEvent;
