namespace Fenghuo.Contracts.Incidents;

/// <summary>Something that happened to one incident: the header names the owning tenant, the incident and its number.</summary>
public abstract record IncidentEvent : IntegrationEvent
{
    public Guid IncidentId { get; init; }

    public string Number { get; init; } = "";

    /// <summary>A drill incident (演练): runs the real plan rules and clocks, never counts in real figures.</summary>
    public bool Exercise { get; init; }
}
