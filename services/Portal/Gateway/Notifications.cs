namespace Fenghuo.Portal.Gateway;

// The notifications API's answers (services/Notifications/Apis/NotificationViews.cs), as far as pages read them.

public sealed record UnreadCount(int Unread);

/// <summary>One item of the user's own inbox; Subject is incident, warning, exercise or webhook.</summary>
public sealed record InboxItem(Guid Id, string Event, string Subject, Guid SubjectId, string SubjectNumber, string Link, string Title, string Body,
    bool RequiresAcknowledgement, bool Read, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy);

public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Limit, int Offset);
