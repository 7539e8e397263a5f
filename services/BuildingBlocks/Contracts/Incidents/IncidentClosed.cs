namespace Fenghuo.Contracts.Incidents;

public sealed record IncidentClosed(
    string ClosedBy) : IncidentEvent;
