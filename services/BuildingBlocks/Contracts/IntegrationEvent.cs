namespace Fenghuo.Contracts;

/// <summary>
/// The header every event carries. Publishers stamp it where the event is made (they know the
/// tenant, and the time from their own clock); an event's positional members are its own facts.
/// The event id is also the broker message id, so consumers drop redeliveries.
/// </summary>
public abstract record IntegrationEvent : IIntegrationEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; }

    public string TenantCode { get; init; } = "";

    public string TenantPath { get; init; } = "";
}
