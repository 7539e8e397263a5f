using static Fenghuo.Warnings.Domain.WarningState;

namespace Fenghuo.Warnings.Domain;

/// <summary>
/// One act on a warning: the states it may happen in, which tenant may do it, and the roles it
/// takes — null where the issuing plan names them (issuance.approverRoles).
/// </summary>
/// <param name="Name">The act as the audit trail names it (warning.issue …).</param>
public sealed record ActRule(string Name, string Zh, string En, IReadOnlyList<WarningState> From, ActingTenant By, IReadOnlyList<string>? Roles);

/// <summary>The state machine of a warning, as a table the acts consult.</summary>
public static class Lifecycle
{
    public static readonly ActRule Issue = new("warning.issue", "发布预警", "issue the warning", [Proposed], ActingTenant.Issuer, null);

    public static readonly ActRule Adjust = new("warning.adjust", "调整预警级别", "adjust the warning level", [InForce, Adjusted], ActingTenant.Issuer, null);

    public static readonly ActRule Lift = new("warning.lift", "解除预警", "lift the warning", [InForce, Adjusted], ActingTenant.Issuer, null);

    public static readonly ActRule Acknowledge = new("warning.acknowledge", "签收预警", "acknowledge the warning", [InForce, Adjusted], ActingTenant.Receiver, ActRoles.Acknowledge);

    /// <summary>The state an act leaves behind.</summary>
    public static WarningState After(ActRule rule) =>
        rule == Issue ? InForce
        : rule == Adjust ? Adjusted
        : rule == Lift ? Lifted
        : throw new ArgumentException($"{rule.En} does not change the state", nameof(rule));
}
