namespace Fenghuo.Contracts.Incidents;

/// <summary>The response level was raised or lowered.</summary>
public sealed record ResponseLevelChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string TenantCode,
    string TenantPath,
    Guid IncidentId,
    string Number,
    string FromLevel,
    string ToLevel,
    string CommandTenant,
    string ChangedBy) : IIntegrationEvent;
