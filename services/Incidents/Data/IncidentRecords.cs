using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Domain;

namespace Fenghuo.Incidents.Data;

// Rows as Dapper reads them (see DapperTypeHandlers for times and enum labels).

public sealed class TimelineRow
{
    /// <summary>The entry's number in its incident's record: 1 for the report, one more for each entry after it, never a gap.</summary>
    public int Seq { get; init; }
    public Guid IncidentId { get; init; }
    public DateTimeOffset At { get; init; }
    public string Act { get; init; } = "";
    public string Actor { get; init; } = "";
    public string ActorTenant { get; init; } = "";
    public string Summary { get; init; } = "";
}

public sealed class EscalationRow
{
    public Guid Id { get; init; }
    public Guid IncidentId { get; init; }
    public EscalationKind Kind { get; init; }
    public string FromTenant { get; init; } = "";
    public string ToTenant { get; init; } = "";
    public string Reason { get; init; } = "";
    public bool Automatic { get; init; }
    public bool ByPhone { get; init; }
    public DateTimeOffset At { get; init; }
    public string By { get; init; } = "";
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
}

public sealed class InquiryRow
{
    public Guid Id { get; init; }
    public Guid IncidentId { get; init; }
    public string FromTenant { get; init; } = "";
    public string ToTenant { get; init; } = "";
    public string Question { get; init; } = "";
    public DateTimeOffset AskedAt { get; init; }
    public string AskedBy { get; init; } = "";
    public DateTimeOffset AnswerDueAt { get; init; }
    public string? Answer { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public string? AnsweredBy { get; init; }
}

public sealed class DeadlineRow
{
    public Guid Id { get; init; }
    public Guid IncidentId { get; init; }
    public string TenantCode { get; init; } = "";
    public string IncidentNumber { get; init; } = "";
    public DeadlineKind Kind { get; init; }
    public Guid? InquiryId { get; init; }
    public string OwedBy { get; init; } = "";
    public DateTimeOffset DueAt { get; init; }
    public DeadlineStatus Status { get; init; }
    public DateTimeOffset? MetAt { get; init; }
    public string Source { get; init; } = "";
}

/// <summary>One line of the subtree summary: how many incidents a tenant has in a state and grade.</summary>
public sealed record IncidentCount(string Tenant, IncidentState State, Grade Grade, long Count);
