namespace Fenghuo.Contracts.Incidents;

public sealed record IncidentClosed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string TenantCode,
    string TenantPath,
    Guid IncidentId,
    string Number,
    string ClosedBy) : IIntegrationEvent;
