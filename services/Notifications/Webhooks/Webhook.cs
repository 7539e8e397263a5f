namespace Fenghuo.Notifications.Webhooks;

/// <summary>A tenant's registered endpoint; the secret never leaves the service after registration.</summary>
public sealed record Webhook(
    Guid Id,
    string Url,
    string[] Events,
    string Description,
    bool Enabled,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? DisabledAt,
    string? DisabledReason)
{
    /// <summary>"*" subscribes to every event.</summary>
    public const string AllEvents = "*";
}

/// <summary>A message due for another attempt, as the sender takes it.</summary>
public sealed record DueWebhookMessage(
    Guid Id, Guid WebhookId, Guid NotificationId, string TenantCode, string TenantPath, string EventType, string SubjectNumber,
    string Payload, DateTimeOffset CreatedAt, int Attempts, string Url, string Secret, bool Enabled);
