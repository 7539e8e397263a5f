namespace Fenghuo.Notifications.Domain;

/// <summary>What a notification is about; its item links there.</summary>
public enum SubjectKind
{
    Incident,
    Warning,
    Exercise,

    /// <summary>One of the tenant's webhooks (a notice that it was given up on).</summary>
    Webhook,
}

public static class SubjectLinks
{
    /// <summary>The API address of what an item is about: /api/incidents/{id}, /api/notifications/webhooks/{id}.</summary>
    public static string Of(SubjectKind kind, Guid id) => kind == SubjectKind.Webhook
        ? $"/api/notifications/webhooks/{id}"
        : $"/api/{kind.ToString().ToLowerInvariant()}s/{id}";
}
