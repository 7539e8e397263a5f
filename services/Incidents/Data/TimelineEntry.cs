namespace Fenghuo.Incidents.Data;

/// <summary>One act on the record: who, from which tenant, when, what; <see cref="Details"/> is kept as JSON.</summary>
public sealed record TimelineEntry(Guid IncidentId, DateTimeOffset At, string Act, string Actor, string ActorTenant, string Summary, object? Details = null);
