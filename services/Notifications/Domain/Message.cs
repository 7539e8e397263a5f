namespace Fenghuo.Notifications.Domain;

/// <summary>What an event says to one tenant: its Chinese title and body, and what it is about.</summary>
public sealed record Message(
    SubjectKind Subject,
    Guid SubjectId,
    string SubjectNumber,
    string Title,
    string Body)
{
    /// <summary>The API address of what it is about (/api/incidents/{id}).</summary>
    public string Link => SubjectLinks.Of(Subject, SubjectId);
}
