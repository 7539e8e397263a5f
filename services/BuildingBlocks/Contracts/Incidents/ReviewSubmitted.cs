namespace Fenghuo.Contracts.Incidents;

/// <summary>总结评估 submitted after the response ended.</summary>
public sealed record ReviewSubmitted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string TenantCode,
    string TenantPath,
    Guid IncidentId,
    string Number,
    bool InTime,
    string SubmittedBy) : IIntegrationEvent;
