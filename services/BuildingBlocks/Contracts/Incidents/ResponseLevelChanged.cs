namespace Fenghuo.Contracts.Incidents;

/// <summary>The response level was raised or lowered.</summary>
public sealed record ResponseLevelChanged(
    string FromLevel,
    string ToLevel,
    string CommandTenant,
    string ChangedBy) : IncidentEvent;
