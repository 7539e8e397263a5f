namespace Fenghuo.Contracts;

/// <summary>
/// What every event between services carries: its own id (also the broker message id, so
/// consumers can drop redeliveries), when it happened, and whose tenant it concerns.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }
    DateTimeOffset OccurredAt { get; }
    string TenantCode { get; }
    string TenantPath { get; }
}
