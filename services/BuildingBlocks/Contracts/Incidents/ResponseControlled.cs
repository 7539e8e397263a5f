namespace Fenghuo.Contracts.Incidents;

/// <summary>事态得到控制.</summary>
public sealed record ResponseControlled(
    string CommandTenant,
    string RecordedBy) : IncidentEvent;
