namespace Fenghuo.Contracts.Incidents;

public sealed record InquiryAnswered(
    Guid InquiryId,
    string FromTenant,
    string ToTenant,
    bool InTime,
    string AnsweredBy) : IncidentEvent;
