namespace Fenghuo.Notifications.Data;

/// <summary>One step an unacknowledged notification went up the ladder, and whom it reached.</summary>
public sealed record EscalationStep(Guid NotificationId, int Step, string Role, string[] Recipients, DateTimeOffset EscalatedAt);
