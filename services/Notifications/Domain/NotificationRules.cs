using Fenghuo.Contracts;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Warnings;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Notifications.Domain;

/// <summary>
/// The default rules, one entry per event (its message names jurisdictions by name: 阳城县, not yangcheng): adding an event (a warning issued, an exercise inject)
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
        nameof(WarningIssued), nameof(WarningAdjusted), nameof(WarningLifted), nameof(InjectDelivered),
    ];

    private static readonly string[] Duty = [Roles.DutyOfficer];
    private static readonly string[] DutyAndDirector = [Roles.DutyOfficer, Roles.OfficeDirector];
    private static readonly string[] Command = [Roles.DutyOfficer, Roles.OfficeDirector, Roles.Commander];

    /// <summary>Who at a tenant is told of each event by default; a tenant may choose otherwise for its own users.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> DefaultRoles = new Dictionary<string, string[]>
    {
        [nameof(IncidentEscalated)] = Command,
        [nameof(InquirySent)] = Duty,
        [nameof(DeadlineApproaching)] = DutyAndDirector,
        [nameof(DeadlineMissed)] = DutyAndDirector,
        [nameof(CommandTakenOver)] = DutyAndDirector,
        [nameof(ResponseStarted)] = DutyAndDirector,
        [nameof(ResponseEnded)] = DutyAndDirector,
        [nameof(WarningIssued)] = DutyAndDirector,
        [nameof(WarningAdjusted)] = DutyAndDirector,
        [nameof(WarningLifted)] = DutyAndDirector,
        [nameof(InjectDelivered)] = Duty,
    };

    public static readonly NotificationRule<IncidentEscalated> IncidentEscalated = new(
        (e, _) => [new Audience(e.ToTenant, Command)],
        RequiresAcknowledgement: true,
        (e, name) => Incident(e, $"事件上报：{e.Number}（{Label(e.Kind)}）",
            $"{name(e.FromTenant)} 将事件 {e.Number} 上报至本级（{Label(e.Kind)}）。原因：{e.Reason.TrimEnd('。')}。请签收并处置。"));

    public static readonly NotificationRule<InquirySent> InquirySent = new(
        (e, _) => [new Audience(e.ToTenant, Duty)],
        RequiresAcknowledgement: true,
        (e, name) => Incident(e, $"上级问询：{e.Number}",
            $"{name(e.FromTenant)} 就事件 {e.Number} 问询：{e.Question.TrimEnd('。')}。请于 {ShanghaiClock.ShanghaiTime(e.AnswerDueAt):yyyy-MM-dd HH:mm} 前答复。"));

    public static readonly NotificationRule<DeadlineApproaching> DeadlineApproaching = new(
        (e, _) => [new Audience(e.OwedBy, DutyAndDirector)],
        RequiresAcknowledgement: false,
        (e, name) => Incident(e, $"时限将到：{e.Number}（{Label(e.Kind)}）",
            $"事件 {e.Number} 的{Label(e.Kind)}时限将于 {ShanghaiClock.ShanghaiTime(e.DueAt):yyyy-MM-dd HH:mm} 到期。"));

    public static readonly NotificationRule<DeadlineMissed> DeadlineMissed = new(
        (e, known) => known.ParentOf(e.OwedBy) is { } parent
            ? [new Audience(e.OwedBy, DutyAndDirector), new Audience(parent, Duty)]
            : [new Audience(e.OwedBy, DutyAndDirector)],
        RequiresAcknowledgement: false,
        (e, name) => Incident(e, $"已超时：{e.Number}（{Label(e.Kind)}）",
            $"{name(e.OwedBy)} 未在 {ShanghaiClock.ShanghaiTime(e.DueAt):yyyy-MM-dd HH:mm} 前完成事件 {e.Number} 的{Label(e.Kind)}。"));

    public static readonly NotificationRule<CommandTakenOver> CommandTakenOver = new(
        (e, _) => Chain(e, e.FromCommandTenant, e.ToCommandTenant),
        RequiresAcknowledgement: false,
        (e, name) => Incident(e, $"指挥权移交：{e.Number}",
            $"{name(e.ToCommandTenant)} 已接管事件 {e.Number} 的应急指挥（原指挥：{name(e.FromCommandTenant)}）。原因：{e.Reason.TrimEnd('。')}。"));

    public static readonly NotificationRule<ResponseStarted> ResponseStarted = new(
        (e, _) => Chain(e, e.CommandTenant),
        RequiresAcknowledgement: false,
        (e, name) => Incident(e, $"启动{e.Level}级响应：{e.Number}", $"{name(e.CommandTenant)} 已对事件 {e.Number} 启动 {e.Level} 级应急响应。"));

    public static readonly NotificationRule<ResponseEnded> ResponseEnded = new(
        (e, _) => Chain(e, e.CommandTenant),
        RequiresAcknowledgement: false,
        (e, name) => Incident(e, $"应急结束：{e.Number}", $"{name(e.CommandTenant)} 已结束事件 {e.Number} 的 {e.Level} 级应急响应。"));

    /// <summary>A drill incident's notice says so first, in every channel it goes out on.</summary>
    public static readonly NotificationRule<WarningIssued> WarningIssued = new(
        (e, _) => e.Recipients.Distinct(StringComparer.Ordinal).Select(t => new Audience(t, DutyAndDirector)),
        RequiresAcknowledgement: true,
        (e, name) => Warning(e, $"{(e.Exercise ? Drill : "")}预警发布：{e.LevelName}（{e.Number}）",
            $"{name(e.TenantCode)} 发布{e.LevelName}：{e.Title}。有效期 {ShanghaiClock.ShanghaiTime(e.StartsAt):yyyy-MM-dd HH:mm} 至 {ShanghaiClock.ShanghaiTime(e.ExpiresAt):yyyy-MM-dd HH:mm}。请签收并按预案做好防范。"));

    /// <summary>An adjustment goes to whoever received the warning: the event does not list them again.</summary>
    public static readonly NotificationRule<WarningAdjusted> WarningAdjusted = new(
        (e, known) => known.ToldBefore.Select(t => new Audience(t, DutyAndDirector)),
        RequiresAcknowledgement: false,
        (e, name) => Warning(e, $"预警{(e.Raised ? "升级" : "降级")}：{e.Number}（{e.FromLevel} → {e.ToLevel}）",
            $"{name(e.TenantCode)} 将预警 {e.Number} 由 {e.FromLevel} 调整为 {e.ToLevel}。原因：{e.Reason.TrimEnd('。')}。"));

    public static readonly NotificationRule<WarningLifted> WarningLifted = new(
        (e, known) => known.ToldBefore.Select(t => new Audience(t, DutyAndDirector)),
        RequiresAcknowledgement: false,
        (e, name) => Warning(e, $"预警解除：{e.Number}", $"{name(e.TenantCode)} 已解除预警 {e.Number}（{e.Level}）。原因：{e.Reason.TrimEnd('。')}。"));

    /// <summary>演练情景注入: the target participant's duty officers, marked as a drill in every channel.</summary>
    public static readonly NotificationRule<InjectDelivered> InjectDelivered = new(
        (e, _) => [new Audience(e.Target.TenantCode, Duty)],
        RequiresAcknowledgement: false,
        (e, _) => new Message(SubjectKind.Exercise, e.ExerciseId, e.Title, $"{Drill}情景注入：{e.InjectTitle}",
            $"{Drill}演练「{e.Title}」情景：{e.Content} 应对要求：{e.ExpectedAction}"));

    private static Message Warning(WarningEvent e, string title, string body) =>
        new(SubjectKind.Warning, e.WarningId, e.Number, title, body);

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
