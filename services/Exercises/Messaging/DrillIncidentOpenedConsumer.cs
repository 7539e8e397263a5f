using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Plans;
using Fenghuo.Exercises.Data;
using Fenghuo.Exercises.Domain;

namespace Fenghuo.Exercises.Messaging;

/// <summary>
/// Keeps the number of the drill incident an inject opened, in the target's scope (a participant sees its exercise),
/// and where its report upward falls due, so the drill's page can count down to it before the clock settles.
/// </summary>
public sealed class DrillIncidentOpenedConsumer(
    TenantDatabase database, ExerciseStore store, PlanRulesReplica plans, TenantDirectory directory, ILogger<DrillIncidentOpenedConsumer> logger)
    : IdempotentConsumer<DrillIncidentOpened>(database, logger)
{
    protected override async Task ApplyAsync(DrillIncidentOpened message, DbSession session, CancellationToken cancellationToken)
    {
        var target = await directory.FindAsync(message.TenantCode, cancellationToken);
        var due = await ReportDueAsync(message, target, session);
        await store.AddDrillIncidentAsync(session, new DrillIncidentRow
        {
            IncidentId = message.IncidentId, ExerciseId = message.ExerciseId, InjectId = message.InjectId, TenantCode = message.TenantCode,
            Number = message.Number, Grade = message.Grade, Category = message.Category, ReportedAt = message.ReportedAt,
            ReportDueAt = due, ReportOwedBy = due is null ? null : message.TenantCode,
        });
        await store.AddHistoryAsync(session, new HistoryRow
        {
            ExerciseId = message.ExerciseId, At = message.OccurredAt, Act = "drill_incident_opened", Actor = "system", ActorTenant = message.TenantCode,
            Summary = $"演练事件 {message.Number} 已在{target?.Name ?? message.TenantCode}建立",
        });
    }

    /// <summary>
    /// The target's plan's report-upward clock for the drill's grade, as the incidents service starts it: only when the
    /// parent command takes part in the drill (escalation stays among the participants), from occurrence or report.
    /// </summary>
    private async Task<DateTimeOffset?> ReportDueAsync(DrillIncidentOpened message, TenantEntry? target, DbSession session)
    {
        var exercise = await store.LoadAsync(session, message.ExerciseId);
        var inject = exercise?.Injects.FirstOrDefault(i => i.Id == message.InjectId);
        if (target?.ParentCode is not { } parent || exercise is null || inject is null || !exercise.Exercise.Participants.Contains(parent))
        {
            return null;
        }
        var plan = await plans.InForceAsync(session, target.Code, message.ReportedAt.ShanghaiDate());
        if (plan?.Rules.ReportDeadlineFor(message.Grade) is not { } deadline)
        {
            return null;
        }
        var occurredAt = inject.DueAt ?? inject.DeliveredAt ?? message.ReportedAt;
        var start = deadline.From == ClockStart.Occurrence ? occurredAt : message.ReportedAt;
        return start.AddMinutes(deadline.Minutes);
    }
}
