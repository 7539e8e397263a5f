namespace Fenghuo.Contracts.Incidents;

/// <summary>已签收: the receiving command confirmed it has the escalation.</summary>
public sealed record EscalationAcknowledged(
    string AcknowledgedByTenant,
    string AcknowledgedBy) : IncidentEvent;
