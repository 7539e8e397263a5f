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
}
