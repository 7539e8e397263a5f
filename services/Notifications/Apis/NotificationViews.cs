using Fenghuo.Notifications.Data;
using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Apis;

/// <summary>An inbox item as the caller sees it; <see cref="Link"/> is the API address of what it is about.</summary>
public sealed record NotificationView(
    Guid Id,
    string Event,
    string Subject,
    Guid SubjectId,
    string SubjectNumber,
    string Link,
    string Title,
    string Body,
    bool RequiresAcknowledgement,
    bool Read,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy)
{
    public static NotificationView Of(InboxItem item) => new(
        item.Id, item.EventType, item.SubjectKind, item.SubjectId, item.SubjectNumber,
        SubjectLinks.Of(Enum.Parse<SubjectKind>(item.SubjectKind, ignoreCase: true), item.SubjectId), item.Title, item.Body, item.RequiresAcknowledgement,
        item.ReadAt is not null, item.CreatedAt, item.ReadAt, item.AcknowledgedAt, item.AcknowledgedBy);
}

public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int Limit, int Offset);

public sealed record UnreadCount(long Unread);
