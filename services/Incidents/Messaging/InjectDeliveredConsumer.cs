using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;

namespace Fenghuo.Incidents.Messaging;

/// <summary>
/// 演练事件: an inject that opens a drill incident becomes a real incident at its target, under the
/// target's plan in force — its levels, roles, clocks and escalation apply — marked as a drill, with
/// a number of the drill series (阳城-演练-2026-0001). Escalation stays among the exercise's
/// participants. The inbox makes a redelivered inject open nothing more.
/// </summary>
public sealed class InjectDeliveredConsumer(
    TenantDatabase database, IncidentStore store, PlanRulesReplica plans, TenantDirectory directory, Outbox outbox, TimeProvider time,
    ILogger<InjectDeliveredConsumer> logger) : IdempotentConsumer<InjectDelivered>(database, logger)
{
    private const string ExerciseControl = "演练导调";

    protected override async Task ApplyAsync(InjectDelivered message, DbSession session, CancellationToken cancellationToken)
    {
        if (message.DrillIncident is not { } drill)
        {
            return;
        }
        var target = await directory.FindAsync(message.Target.TenantCode, cancellationToken);
        var now = time.GetUtcNow();
        var plan = target is null ? null : await plans.InForceAsync(session, target.Code, now.ShanghaiDate());
        if (target is null || plan is null)
        {
            logger.LogWarning("Drill incident of inject {Inject} not opened: {Target} has no plan in force here", message.InjectId, message.Target.TenantCode);
            return;
        }
        var id = Guid.CreateVersion7();
        var number = await store.NextDrillNumberAsync(session, target.Code, IncidentNumber.Prefix(target.Name), now.ShanghaiDate().Year);
        var reporter = $"{ExerciseControl}（{message.Title}）";
        var participants = message.Participants.Select(p => p.TenantCode).ToList();
        await store.InsertAsync(session, new NewIncident(
            id, target.Code, target.Path, number, plan.Version, EnumLabel.Of(drill.Grade),
            plan.Rules.RecommendedResponseLevel(drill.Grade, capacityExceeded: false)?.Code, drill.Category, drill.Subcategory,
            drill.OccurredAt, now, ExerciseControl, target.Name, target.Name, reporter, null, [], $"【演练】{drill.Description}",
            null, null, null, null, null, null, null, null, null, null, new DrillOrigin(message.ExerciseId, message.InjectId, participants)));
        var mayReachParent = target.ParentCode is { } parent && participants.Contains(parent);
        var clock = Clocks.ReportUpward(plan.Rules, drill.Grade, target.Code, mayReachParent, drill.OccurredAt, now);
        if (clock is not null)
        {
            await store.AddDeadlineAsync(session, id, target.Code, number, clock);
        }
        var category = plan.Rules.Taxonomy.Categories.FirstOrDefault(c => c.Code == drill.Category)?.Name ?? drill.Category;
        await store.AddTimelineAsync(session, new TimelineEntry(id, now, "reported", ExerciseControl, message.TenantCode,
            $"演练「{message.Title}」注入：{target.Name}{EnumLabel.Chinese(drill.Grade)}{category}（演练事件）",
            new { planVersion = plan.Version, exerciseId = message.ExerciseId, injectId = message.InjectId }));
        await outbox.EnqueueAsync(session, new IncidentReported(plan.Version, drill.Grade, drill.Category, drill.Subcategory, drill.OccurredAt, ExerciseControl)
        {
            OccurredAt = now, TenantCode = target.Code, TenantPath = target.Path, IncidentId = id, Number = number, Exercise = true,
        });
        await outbox.EnqueueAsync(session, new DrillIncidentOpened(message.ExerciseId, message.InjectId, drill.Grade, drill.Category, now)
        {
            OccurredAt = now, TenantCode = target.Code, TenantPath = target.Path, IncidentId = id, Number = number, Exercise = true,
            ReportDueAt = clock?.DueAt,
        });
        logger.LogInformation("Drill incident {Number} opened at {Target} for exercise {Exercise}", number, target.Code, message.ExerciseId);
    }

    // The drill incident belongs to the inject's target, not to the organiser in the header.
    protected override TenantScope ScopeFor(InjectDelivered message) => new(message.Target.TenantCode, message.Target.TenantPath);
}
