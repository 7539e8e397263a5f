namespace Fenghuo.Contracts.Warnings;

/// <summary>签收: a tenant the warning reached confirmed receipt. The header's tenant is the issuer.</summary>
public sealed record WarningAcknowledged(
    string AcknowledgedByTenant,
    string AcknowledgedBy) : WarningEvent;
