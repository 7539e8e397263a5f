namespace Fenghuo.Notifications.Recipients;

/// <summary>A user told about something: the username the token carries, the role they are told for, their mailbox if any.</summary>
public sealed record Recipient(string Username, string Role, string? Email);
