using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Plans;
using IncidentState = Fenghuo.Contracts.Incidents.IncidentState;
using static Fenghuo.Contracts.Incidents.IncidentState;

namespace Fenghuo.Incidents.Domain;

/// <summary>
/// One act of the lifecycle: its name (in the audit trail), the states it may happen in, which tenant of the chain may do it,
/// and the roles it takes — null where the plan names the roles per response level.
/// </summary>
public sealed record ActRule(string Name, string Zh, string En, IReadOnlyList<IncidentState> From, ActingTenant By, IReadOnlyList<string>? Roles);

/// <summary>
/// The state machine: reported → assessed (confirmed | false_alarm | transferred) → responding at a
/// level (raised or lowered) → controlled → response_ended → reviewed → closed. Follow-ups,
/// escalations and inquiries happen alongside until the incident is finished.
/// </summary>
public static class Lifecycle
{
    private static readonly IncidentState[] Unfinished = [Reported, Confirmed, Responding, Controlled, ResponseEnded, Reviewed];

    /// <summary>
    /// By the command holding the incident: the owner until someone above takes over, then no longer —
    /// otherwise a county could call its taken-over incident a false alarm and stop every clock,
    /// the answers it owes its city included.
    /// </summary>
    public static readonly ActRule Assess = new("assess", "研判", "assess the incident", [Reported, Confirmed], ActingTenant.Command, ActRoles.Assess);

    public static readonly ActRule StartResponse = new("start_response", "启动应急响应", "start the response", [Confirmed], ActingTenant.Command, null);

    public static readonly ActRule ChangeLevel = new("change_level", "调整响应级别", "change the response level", [Responding, Controlled], ActingTenant.Command, null);

    public static readonly ActRule Control = new("control", "确认事态得到控制", "record that the incident is under control", [Responding], ActingTenant.Command, null);

    public static readonly ActRule EndResponse = new("end_response", "结束应急响应", "end the response", [Responding, Controlled], ActingTenant.Command, null);

    public static readonly ActRule FollowUp = new("follow_up", "续报", "add a follow-up", Unfinished, ActingTenant.OwnerOrCommand, ActRoles.Write);

    public static readonly ActRule Escalate = new("escalate", "向上级报送", "escalate", Unfinished, ActingTenant.Chain, ActRoles.Escalate);

    public static readonly ActRule Acknowledge = new("acknowledge", "签收", "acknowledge", Enum.GetValues<IncidentState>(), ActingTenant.Reached, ActRoles.CommandDesk);

    public static readonly ActRule TakeOver = new("take_over", "接管指挥", "take over command", [Reported, Confirmed, Responding, Controlled], ActingTenant.AboveCommand, ActRoles.TakeOver);

    public static readonly ActRule Inquire = new("inquire", "问询", "send an inquiry", Unfinished, ActingTenant.Reached, ActRoles.CommandDesk);

    public static readonly ActRule Answer = new("answer", "答复问询", "answer the inquiry", Unfinished, ActingTenant.Asked, ActRoles.Write);

    public static readonly ActRule Review = new("review", "提交总结评估", "submit the review", [ResponseEnded], ActingTenant.OwnerOrCommand, ActRoles.Review);

    /// <summary>From reviewed, or straight from confirmed when no response was started.</summary>
    public static readonly ActRule Close = new("close", "关闭事件", "close the incident", [Reviewed, Confirmed], ActingTenant.Command, ActRoles.Close);

    /// <summary>Every act, in the order a desk offers them (declared after the rules it lists).</summary>
    public static readonly IReadOnlyList<ActRule> Acts =
        [Assess, StartResponse, ChangeLevel, Control, EndResponse, FollowUp, Escalate, Acknowledge, TakeOver, Inquire, Answer, Review, Close];

    /// <summary>Whether the caller's tenant is the one of the incident's chain the act is for.</summary>
    /// <param name="standsAboveCommand">Whether the caller's jurisdiction is an ancestor of the command holding the incident.</param>
    /// <param name="askedTenant">For acts only the asked tenant may do: who was asked.</param>
    public static bool IsFor(this ActRule rule, Incident incident, string callerTenant, bool standsAboveCommand, string? askedTenant) => rule.By switch
    {
        ActingTenant.OwnerOrCommand => incident.IsOwnedOrCommandedBy(callerTenant),
        ActingTenant.Command => callerTenant == incident.CommandTenant,
        ActingTenant.Reached => incident.WasEscalatedTo(callerTenant),
        ActingTenant.AboveCommand => incident.WasEscalatedTo(callerTenant) && standsAboveCommand,
        ActingTenant.Chain => callerTenant == incident.TenantCode || incident.WasEscalatedTo(callerTenant),
        _ => callerTenant == askedTenant,
    };

    /// <summary>
    /// The roles the act takes: the rule's own, or where the plan names them per level, those of the
    /// level concerned — of any level of the plan while the level is not one of it.
    /// </summary>
    public static IReadOnlyList<string> RolesFor(this ActRule rule, PlanRules plan, string? levelCode) =>
        rule.Roles
        ?? plan.ResponseLevels.FirstOrDefault(l => l.Code == levelCode)?.ApproverRoles
        ?? plan.ResponseLevels.SelectMany(l => l.ApproverRoles).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Whether the caller may do the act now, by the checks the act itself makes before it runs: the
    /// right tenant of the chain, a role the act (or the response level concerned) takes, a state it
    /// may happen in, and for the plan's per-level acts, a level of the plan.
    /// </summary>
    public static bool Permits(this ActRule rule, Incident incident, TenantContext caller, PlanRules plan,
        bool standsAboveCommand, string? askedTenant, string? levelCode) =>
        caller.TenantCode is { } tenant
        && rule.IsFor(incident, tenant, standsAboveCommand, askedTenant)
        && caller.HasAny(rule.RolesFor(plan, levelCode))
        && rule.From.Contains(incident.State)
        && (rule.Roles is not null || plan.ResponseLevels.Any(l => l.Code == levelCode));
}
