using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Domain;

namespace Fenghuo.Incidents.Data;

/// <summary>An incident with its clocks, timeline, escalations and inquiries.</summary>
public sealed record IncidentRecord(
    Incident Incident,
    IReadOnlyList<DeadlineRow> Deadlines,
    IReadOnlyList<TimelineRow> Timeline,
    IReadOnlyList<EscalationRow> Escalations,
    IReadOnlyList<InquiryRow> Inquiries);

/// <summary>The escalation side of an incident in a command's inbox.</summary>
public sealed class EscalationSummary
{
    public DateTimeOffset LastEscalatedAt { get; init; }
    public bool Acknowledged { get; init; }
    public string FromTenant { get; init; } = "";
}

/// <summary>An incident in a command's inbox: the escalations addressed to that command (kind, reason, who and when), never those to others.</summary>
public sealed record EscalatedIncident(Incident Incident, EscalationSummary Escalation, IReadOnlyList<TimelineRow> Timeline, IReadOnlyList<EscalationRow> Escalations);

/// <summary>GET /api/incidents filters; null means any. Drills are left out unless asked for.</summary>
public sealed record IncidentFilter(IncidentState? State, Grade? Grade, string? Category, DateTimeOffset? From, DateTimeOffset? To, int Limit,
    DrillFilter Drills = DrillFilter.Exclude);
