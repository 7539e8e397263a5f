namespace Fenghuo.Contracts.Incidents;

/// <summary>续报 (or the written report after a phone report) appended to the record.</summary>
public sealed record FollowUpAdded(
    FollowUpKind Kind,
    string Content,
    string AddedBy,
    string AddedByTenant) : IncidentEvent;
