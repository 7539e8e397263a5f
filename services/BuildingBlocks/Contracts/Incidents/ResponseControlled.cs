namespace Fenghuo.Contracts.Incidents;

/// <summary>事态得到控制.</summary>
public sealed record ResponseControlled(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string TenantCode,
    string TenantPath,
    Guid IncidentId,
    string Number,
    string CommandTenant,
    string RecordedBy) : IIntegrationEvent;
