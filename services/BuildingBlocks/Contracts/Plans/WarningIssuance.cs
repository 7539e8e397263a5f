namespace Fenghuo.Contracts.Plans;

/// <summary>Who proposes, approves and lifts a warning. <see cref="IssuerLifts"/>: 谁发布谁解除.</summary>
public sealed record WarningIssuance(
    string ProposedBy,
    string ApprovedBy,
    IReadOnlyList<string> ApproverRoles,
    bool IssuerLifts,
    string LiftProcedure,
    IReadOnlyList<string> ReportTo,
    string Source);
