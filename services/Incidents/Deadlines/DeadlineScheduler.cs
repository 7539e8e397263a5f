using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;

namespace Fenghuo.Incidents.Deadlines;

/// <summary>
/// Watches every incident's clocks on the service's TimeProvider: a deadline that passes is
/// marked missed within one scan and DeadlineMissed goes out exactly once (the status change and
/// the outbox row commit together); DeadlineApproaching goes out once, the configured lead before.
/// </summary>
public sealed class DeadlineScheduler(
    TenantDatabase database,
    DeadlineStore deadlines,
    IncidentStore incidents,
    TenantDirectory directory,
    Outbox outbox,
    TimeProvider time,
    IncidentsOptions options,
    ILogger<DeadlineScheduler> logger) : ScheduledScan(time, TimeSpan.FromMilliseconds(options.DeadlineScanMilliseconds), logger)
{
    private const string SystemActor = "system";

    /// <summary>One look at the clock; returns how many deadlines it marked missed or approaching.</summary>
    public override Task<int> ScanAsync(CancellationToken ct)
    {
        var now = Time.GetUtcNow();
        return database.InTransactionAsync(TenantScope.None, async session =>
        {
            var missed = await deadlines.MarkMissedAsync(session, now);
            var approaching = await deadlines.MarkApproachingAsync(session, now, TimeSpan.FromMinutes(options.DeadlineApproachingLeadMinutes));
            foreach (var deadline in missed)
            {
                var tenant = await OwnerScopeAsync(session, deadline, ct);
                var kind = deadline.Kind;
                await incidents.AddTimelineAsync(session, new TimelineEntry(deadline.IncidentId, now, "deadline_missed", SystemActor, deadline.OwedBy,
                    $"{EnumLabel.Chinese(kind)}已超时（时限 {deadline.DueAt.ShanghaiTime():yyyy-MM-dd HH:mm}）",
                    new { deadlineId = deadline.Id, kind = deadline.Kind, owedBy = deadline.OwedBy }));
                var drill = await DrillOfAsync(session, deadline);
                await outbox.EnqueueAsync(session, new DeadlineMissed(deadline.Id, kind, deadline.OwedBy, deadline.DueAt)
                {
                    OccurredAt = now, TenantCode = tenant.Code, TenantPath = tenant.Path, IncidentId = deadline.IncidentId, Number = deadline.IncidentNumber,
                    Exercise = drill is not null,
                });
                if (drill is { ExerciseId: { } exerciseId, InjectId: { } injectId })
                {
                    await outbox.EnqueueAsync(session, new DrillClockSettled(exerciseId, injectId, deadline.Id, kind, deadline.OwedBy, deadline.DueAt, null, false)
                    {
                        OccurredAt = now, TenantCode = tenant.Code, TenantPath = tenant.Path, IncidentId = deadline.IncidentId,
                        Number = deadline.IncidentNumber, Exercise = true,
                    });
                }
                Logger.LogInformation("Deadline {Kind} of {Number} owed by {OwedBy} missed", deadline.Kind, deadline.IncidentNumber, deadline.OwedBy);
            }
            foreach (var deadline in approaching)
            {
                var tenant = await OwnerScopeAsync(session, deadline, ct);
                await outbox.EnqueueAsync(session, new DeadlineApproaching(deadline.Id, deadline.Kind, deadline.OwedBy, deadline.DueAt)
                {
                    OccurredAt = now, TenantCode = tenant.Code, TenantPath = tenant.Path, IncidentId = deadline.IncidentId, Number = deadline.IncidentNumber,
                    Exercise = await DrillOfAsync(session, deadline) is not null,
                });
            }
            return missed.Count + approaching.Count;
        }, ct);
    }

    /// <summary>The drill incident the deadline belongs to, or null for a real one; read in the owner's scope.</summary>
    private async Task<Incident?> DrillOfAsync(DbSession session, DeadlineRow deadline) =>
        (await incidents.LoadAsync(session, deadline.IncidentId))?.Incident is { Exercise: true } drill ? drill : null;

    private async Task<TenantEntry> OwnerScopeAsync(DbSession session, DeadlineRow deadline, CancellationToken ct)
    {
        var tenant = await directory.FindAsync(deadline.TenantCode, ct)
            ?? throw new InvalidOperationException($"Incident {deadline.IncidentNumber} belongs to unknown tenant {deadline.TenantCode}");
        await TenantDatabase.UseScopeAsync(session, new TenantScope(tenant.Code, tenant.Path));
        return tenant;
    }
}
