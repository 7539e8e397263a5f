namespace Fenghuo.Contracts.Incidents;

public sealed record InquiryAnswered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string TenantCode,
    string TenantPath,
    Guid IncidentId,
    string Number,
    Guid InquiryId,
    string FromTenant,
    string ToTenant,
    bool InTime,
    string AnsweredBy) : IIntegrationEvent;
