namespace Fenghuo.Contracts.Incidents;

/// <summary>A command asked the tenant that escalated to it; the answer is due at <see cref="AnswerDueAt"/>.</summary>
public sealed record InquirySent(
    Guid InquiryId,
    string FromTenant,
    string ToTenant,
    string Question,
    DateTimeOffset AnswerDueAt,
    string AskedBy) : IncidentEvent;
