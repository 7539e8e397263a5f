using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Exercises.Data;
using Fenghuo.Exercises.Domain;

namespace Fenghuo.Exercises.Injects;

/// <summary>
/// Delivers each inject of a running exercise at start + offset, on the service's TimeProvider:
/// the delivery mark, the history entry and InjectDelivered commit together, so each inject goes
/// out exactly once, within one scan of its time. Notifications tells the target (marked 演练); an
/// inject with a drill incident makes the incidents service open it at the target.
/// </summary>
public sealed class InjectScheduler(
    TenantDatabase database,
    InjectScheduleStore schedule,
    ExerciseStore exercises,
    TenantDirectory directory,
    Outbox outbox,
    TimeProvider time,
    ExercisesOptions options,
    ILogger<InjectScheduler> logger) : ScheduledScan(time, TimeSpan.FromMilliseconds(options.InjectScanMilliseconds), logger)
{
    private const string SystemActor = "system";

    /// <summary>One look at the clock; returns how many injects it delivered.</summary>
    public override Task<int> ScanAsync(CancellationToken ct)
    {
        var now = Time.GetUtcNow();
        return database.InTransactionAsync(TenantScope.None, async session =>
        {
            var (injects, running) = await schedule.MarkDeliveredAsync(session, now);
            foreach (var inject in injects)
            {
                var exercise = running.Single(x => x.Id == inject.ExerciseId);
                await TenantDatabase.UseScopeAsync(session, new TenantScope(exercise.TenantCode, exercise.TenantPath));
                var participants = new List<ExerciseParticipant>();
                foreach (var code in exercise.Participants)
                {
                    participants.Add(new ExerciseParticipant(code, (await directory.FindAsync(code, ct))?.Path ?? ""));
                }
                var target = participants.Single(p => p.TenantCode == inject.Target);
                var drill = inject.Drill is { } spec
                    ? new DrillIncident(spec.Category, spec.Subcategory, spec.Grade, spec.Description, inject.DueAt ?? now)
                    : null;
                await exercises.AddHistoryAsync(session, new HistoryRow
                {
                    ExerciseId = exercise.Id, At = now, Act = "inject_delivered", Actor = SystemActor, ActorTenant = exercise.TenantCode,
                    Summary = $"第 {inject.OffsetMinutes} 分钟注入「{inject.Title}」送达{(await directory.FindAsync(inject.Target, ct))?.Name ?? inject.Target}"
                        + (drill is null ? "" : $"，开设{EnumLabel.Chinese(drill.Grade)}演练事件"),
                });
                await outbox.EnqueueAsync(session, new InjectDelivered(inject.Id, target, inject.Title, inject.Content, inject.ExpectedAction, drill)
                {
                    OccurredAt = now, TenantCode = exercise.TenantCode, TenantPath = exercise.TenantPath, ExerciseId = exercise.Id,
                    Title = exercise.Title, Participants = participants,
                });
                Logger.LogInformation("Inject {Inject} of exercise {Exercise} delivered to {Target}", inject.Id, exercise.Id, inject.Target);
            }
            return injects.Count;
        }, ct);
    }
}
