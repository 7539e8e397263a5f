namespace Fenghuo.Notifications.Data;

public sealed record InboxFilter(bool Unread, bool RequiringAcknowledgement, int Limit, int Offset);
