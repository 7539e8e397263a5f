namespace Fenghuo.Notifications.Domain;

/// <summary>What a notification is about; its item links there.</summary>
public enum SubjectKind
{
    Incident,
    Warning,
    Exercise,
}
