using Fenghuo.BuildingBlocks.Tenancy;
using static Fenghuo.Exercises.Domain.ExerciseState;

namespace Fenghuo.Exercises.Domain;

/// <summary>One act on an exercise: the states it may happen in, which tenant may do it, and the roles it takes.</summary>
/// <param name="Name">The act as the audit trail names it (exercise.start …).</param>
public sealed record ActRule(string Name, string Zh, string En, IReadOnlyList<ExerciseState> From, ActingTenant By, IReadOnlyList<string> Roles);

/// <summary>The state machine of an exercise, as a table the acts consult.</summary>
public static class Lifecycle
{
    public static readonly ActRule Start = new("exercise.start", "开始演练", "start the exercise", [Planned], ActingTenant.Organiser, ActRoles.Organise);

    public static readonly ActRule End = new("exercise.end", "结束演练", "end the exercise", [Running], ActingTenant.Organiser, ActRoles.Organise);

    public static readonly ActRule Evaluate = new("exercise.evaluate", "评估演练", "evaluate the exercise", [Completed], ActingTenant.Organiser, ActRoles.Organise);

    public static readonly ActRule Respond = new("exercise.respond", "回应情景注入", "respond to the inject", [Running], ActingTenant.Target, ActRoles.Respond);

    public static readonly ActRule CloseFinding = new("exercise.close_finding", "关闭问题", "close the finding", [Evaluated], ActingTenant.Organiser, ActRoles.Organise);

    public static readonly ActRule RevisePlan = new("exercise.plan_revision", "提请修订预案", "ask for a plan revision", [Evaluated], ActingTenant.Organiser, ActRoles.Organise);

    /// <summary>
    /// Whether the caller may do the act now — the tenant, a role it takes, a state it happens in — as
    /// <see cref="Acts.ActScope.PermitAsync"/> judges it, so that a page offers only what will be accepted.
    /// </summary>
    public static bool Allows(ActRule rule, Exercise exercise, TenantContext caller, string? target) =>
        caller.TenantCode is { } tenant
        && (rule.By == ActingTenant.Organiser ? tenant == exercise.TenantCode : tenant == target)
        && rule.Roles.Any(caller.IsInRole)
        && rule.From.Contains(exercise.State);

    /// <summary>The state an act leaves behind.</summary>
    public static ExerciseState After(ActRule rule) =>
        rule == Start ? Running
        : rule == End ? Completed
        : rule == Evaluate ? Evaluated
        : throw new ArgumentException($"{rule.En} does not change the state", nameof(rule));
}
