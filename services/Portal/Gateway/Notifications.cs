namespace Fenghuo.Portal.Gateway;

public sealed record UnreadCount(int Unread);
