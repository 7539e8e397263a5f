namespace Fenghuo.Contracts.Incidents;

/// <summary>应急结束, by the command that holds the response; <see cref="ReviewDueAt"/> where the plan sets a review deadline.</summary>
public sealed record ResponseEnded(
    string Level,
    string CommandTenant,
    string EndedBy,
    DateTimeOffset? ReviewDueAt) : IncidentEvent;
