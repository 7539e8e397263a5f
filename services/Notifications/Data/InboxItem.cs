namespace Fenghuo.Notifications.Data;

/// <summary>One user's item: the notification as told to them, with their read state and the tenant's acknowledgement.</summary>
public sealed record InboxItem(
    Guid Id,
    Guid NotificationId,
    string EventType,
    string SubjectKind,
    Guid SubjectId,
    string SubjectNumber,
    string Title,
    string Body,
    bool RequiresAcknowledgement,
    string RecipientRole,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy);
