namespace Fenghuo.Notifications.Data;

/// <summary>A notification nobody at its tenant has acknowledged in time.</summary>
public sealed record DueAcknowledgement(Guid Id, string TenantCode, string TenantPath, int EscalationStep, string SubjectNumber);
