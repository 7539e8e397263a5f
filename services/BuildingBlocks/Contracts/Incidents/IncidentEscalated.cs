namespace Fenghuo.Contracts.Incidents;

/// <summary>The incident went up one step of the chain of command; the receiving command now sees it.</summary>
public sealed record IncidentEscalated(
    Guid EscalationId,
    EscalationKind Kind,
    string FromTenant,
    string ToTenant,
    string Reason,
    bool Automatic,
    string EscalatedBy) : IncidentEvent
{
    /// <summary>When the written report (书面报告) after this report by phone falls due; null where none is owed.</summary>
    public DateTimeOffset? WrittenReportDueAt { get; init; }
}
