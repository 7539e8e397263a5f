namespace Fenghuo.Identity.Domain;

/// <summary>What a second platform administrator has to approve before it takes effect.</summary>
public enum ApprovalAction
{
    /// <summary>Tenant roles for a user.</summary>
    Roles,

    /// <summary>A user moved into an onboarded jurisdiction (the tenant attribute).</summary>
    Tenant,

    /// <summary>A new password for a user of an onboarded jurisdiction.</summary>
    Password,
}

/// <summary>A deferred admin change: who asked, for whom, and who approved it (null while pending).</summary>
public sealed record AdminApproval(
    Guid Id,
    ApprovalAction Action,
    Guid UserId,
    string Payload,
    string RequestedBy,
    string RequestedByName,
    DateTimeOffset RequestedAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt)
{
    public bool IsPending => ApprovedAt is null;
}
