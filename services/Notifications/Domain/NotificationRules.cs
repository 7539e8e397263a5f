using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Notifications.Domain;

/// <summary>
/// The default rules, one entry per event: adding an event (a warning issued, an exercise inject)
/// is one entry here and one consumer naming it. Audiences name only tenants that may see the
/// record: the tenant it was sent to, the owner, or the command on its chain.
/// </summary>
public static class NotificationRules
{
    /// <summary>演练: what a drill says before anything else.</summary>
    public const string Drill = "【演练】";

    /// <summary>The events a webhook may subscribe to.</summary>
    public static readonly IReadOnlyList<string> Events =
    [
        nameof(IncidentEscalated), nameof(InquirySent), nameof(DeadlineApproaching), nameof(DeadlineMissed),
        nameof(CommandTakenOver), nameof(ResponseStarted), nameof(ResponseEnded),
    ];

    private static readonly string[] Duty = [Roles.DutyOfficer];
    private static readonly string[] DutyAndDirector = [Roles.DutyOfficer, Roles.OfficeDirector];
    private static readonly string[] Command = [Roles.DutyOfficer, Roles.OfficeDirector, Roles.Commander];

    public static readonly NotificationRule<IncidentEscalated> IncidentEscalated = new(
        (e, _) => [new Audience(e.ToTenant, Command)],
        RequiresAcknowledgement: true,
        e => Incident(e, $"事件上报：{e.Number}（{Label(e.Kind)}）",
            $"{e.FromTenant} 将事件 {e.Number} 上报至本级（{Label(e.Kind)}）。原因：{e.Reason}。请签收并处置。"));

    public static readonly NotificationRule<InquirySent> InquirySent = new(
        (e, _) => [new Audience(e.ToTenant, Duty)],
        RequiresAcknowledgement: true,
        e => Incident(e, $"上级问询：{e.Number}",
            $"{e.FromTenant} 就事件 {e.Number} 问询：{e.Question}。请于 {ShanghaiClock.ShanghaiTime(e.AnswerDueAt):yyyy-MM-dd HH:mm} 前答复。"));

    public static readonly NotificationRule<DeadlineApproaching> DeadlineApproaching = new(
        (e, _) => [new Audience(e.OwedBy, DutyAndDirector)],
        RequiresAcknowledgement: false,
        e => Incident(e, $"时限将到：{e.Number}（{Label(e.Kind)}）",
            $"事件 {e.Number} 的{Label(e.Kind)}时限将于 {ShanghaiClock.ShanghaiTime(e.DueAt):yyyy-MM-dd HH:mm} 到期。"));

    public static readonly NotificationRule<DeadlineMissed> DeadlineMissed = new(
        (e, parentOf) => parentOf(e.OwedBy) is { } parent
            ? [new Audience(e.OwedBy, DutyAndDirector), new Audience(parent, Duty)]
            : [new Audience(e.OwedBy, DutyAndDirector)],
        RequiresAcknowledgement: false,
        e => Incident(e, $"已超时：{e.Number}（{Label(e.Kind)}）",
            $"{e.OwedBy} 未在 {ShanghaiClock.ShanghaiTime(e.DueAt):yyyy-MM-dd HH:mm} 前完成事件 {e.Number} 的{Label(e.Kind)}。"));

    public static readonly NotificationRule<CommandTakenOver> CommandTakenOver = new(
        (e, _) => Chain(e, e.FromCommandTenant, e.ToCommandTenant),
        RequiresAcknowledgement: false,
        e => Incident(e, $"指挥权移交：{e.Number}",
            $"{e.ToCommandTenant} 已接管事件 {e.Number} 的应急指挥（原指挥：{e.FromCommandTenant}）。原因：{e.Reason}。"));

    public static readonly NotificationRule<ResponseStarted> ResponseStarted = new(
        (e, _) => Chain(e, e.CommandTenant),
        RequiresAcknowledgement: false,
        e => Incident(e, $"启动{e.Level}级响应：{e.Number}", $"{e.CommandTenant} 已对事件 {e.Number} 启动 {e.Level} 级应急响应。"));

    public static readonly NotificationRule<ResponseEnded> ResponseEnded = new(
        (e, _) => Chain(e, e.CommandTenant),
        RequiresAcknowledgement: false,
        e => Incident(e, $"应急结束：{e.Number}", $"{e.CommandTenant} 已结束事件 {e.Number} 的 {e.Level} 级应急响应。"));

    /// <summary>A drill incident's notice says so first, in every channel it goes out on.</summary>
    private static Message Incident(IncidentEvent e, string title, string body) =>
        new(SubjectKind.Incident, e.IncidentId, e.Number, e.Exercise ? $"{Drill}{title}" : title, body);

    /// <summary>The owner and the commands named by the event: each of them sees the incident.</summary>
    private static IEnumerable<Audience> Chain(IncidentEvent e, params string[] commands) =>
        commands.Prepend(e.TenantCode).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)
            .Select(t => new Audience(t, DutyAndDirector));

    private static string Label(EscalationKind kind) => kind switch
    {
        EscalationKind.Report => "报告",
        EscalationKind.Support => "请求支援",
        EscalationKind.Handover => "请求接管",
        _ => kind.ToString(),
    };

    private static string Label(DeadlineKind kind) => kind switch
    {
        DeadlineKind.ReportUpward => "向上级报告",
        DeadlineKind.WrittenReport => "书面报告",
        DeadlineKind.InquiryAnswer => "问询答复",
        DeadlineKind.Review => "总结评估",
        _ => kind.ToString(),
    };
}
