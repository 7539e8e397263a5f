namespace Fenghuo.Contracts.Tenancy;

/// <summary>A new jurisdiction joined the platform under its parent command.</summary>
public sealed record JurisdictionOnboarded(
    JurisdictionState Jurisdiction) : IntegrationEvent;
