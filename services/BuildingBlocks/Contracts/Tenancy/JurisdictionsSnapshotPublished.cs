namespace Fenghuo.Contracts.Tenancy;

/// <summary>
/// The whole tenant tree at one moment. Jurisdictions publishes it when it starts and when a
/// service asks, so a service that was not listening when a tenant was created still learns of it.
/// </summary>
public sealed record JurisdictionsSnapshotPublished(
    IReadOnlyList<JurisdictionState> Jurisdictions) : IntegrationEvent;
