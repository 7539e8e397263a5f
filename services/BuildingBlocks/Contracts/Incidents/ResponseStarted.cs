namespace Fenghuo.Contracts.Incidents;

/// <summary>启动应急响应 at a plan level by the command tenant.</summary>
public sealed record ResponseStarted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string TenantCode,
    string TenantPath,
    Guid IncidentId,
    string Number,
    string Level,
    string CommandTenant,
    string StartedBy) : IIntegrationEvent;
