namespace Fenghuo.Contracts.Tenancy;

/// <summary>A jurisdiction was renamed, moved under another parent, suspended or reactivated; carries its whole new state.</summary>
public sealed record JurisdictionChanged(
    JurisdictionState Jurisdiction) : IntegrationEvent;
