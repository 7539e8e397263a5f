using Fenghuo.Notifications.Domain;

namespace Fenghuo.Notifications.Data;

/// <summary>A notification nobody at its tenant has acknowledged in time.</summary>
public sealed record DueAcknowledgement(
    Guid Id, string TenantCode, string TenantPath, int EscalationStep, string SubjectKind, Guid SubjectId, string SubjectNumber, string Title, string Body)
{
    /// <summary>What it says, for the next rung: the same words, marked as not yet acknowledged.</summary>
    public Message Message => new(Enum.Parse<SubjectKind>(SubjectKind, ignoreCase: true), SubjectId, SubjectNumber, $"{Title}（无人签收，已升级）", Body);
}
