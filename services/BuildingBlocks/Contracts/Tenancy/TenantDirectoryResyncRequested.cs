namespace Fenghuo.Contracts.Tenancy;

/// <summary>A service started and asks Jurisdictions for the current tree. Tenant fields are empty: it concerns no tenant.</summary>
public sealed record TenantDirectoryResyncRequested(
    string RequestedBy) : IntegrationEvent;
