namespace Fenghuo.Contracts;

/// <summary>
/// What the outbox and the inbox need of an event: its own id (also the broker message id, so
/// consumers can drop redeliveries), when it happened, and whose tenant it concerns. Events
/// derive from <see cref="IntegrationEvent"/>, which carries it.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }
    DateTimeOffset OccurredAt { get; }
    string TenantCode { get; }
    string TenantPath { get; }
}
