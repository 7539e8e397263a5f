namespace Fenghuo.Contracts.Incidents;

/// <summary>已签收: the receiving command confirmed it has the escalation.</summary>
public sealed record EscalationAcknowledged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string TenantCode,
    string TenantPath,
    Guid IncidentId,
    string Number,
    string AcknowledgedByTenant,
    string AcknowledgedBy) : IIntegrationEvent;
