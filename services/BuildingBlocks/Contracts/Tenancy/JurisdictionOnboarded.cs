namespace Fenghuo.Contracts.Tenancy;

/// <summary>A new jurisdiction joined the platform under its parent command.</summary>
public sealed record JurisdictionOnboarded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string TenantCode,
    string TenantPath,
    JurisdictionState Jurisdiction) : IIntegrationEvent;
