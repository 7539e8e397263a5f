using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Exercises.Data;
using Fenghuo.Exercises.Domain;

namespace Fenghuo.Exercises.Messaging;

/// <summary>
/// Keeps the number of the drill incident an inject opened, in the target's scope (a participant sees its exercise),
/// and where its report upward falls due (the incidents service's own clock), so the drill's page can count down to it
/// before the clock settles.
/// </summary>
public sealed class DrillIncidentOpenedConsumer(
    TenantDatabase database, ExerciseStore store, TenantDirectory directory, ILogger<DrillIncidentOpenedConsumer> logger)
    : IdempotentConsumer<DrillIncidentOpened>(database, logger)
{
    protected override async Task ApplyAsync(DrillIncidentOpened message, DbSession session, CancellationToken cancellationToken)
    {
        var target = await directory.FindAsync(message.TenantCode, cancellationToken);
        await store.AddDrillIncidentAsync(session, new DrillIncidentRow
        {
            IncidentId = message.IncidentId, ExerciseId = message.ExerciseId, InjectId = message.InjectId, TenantCode = message.TenantCode,
            Number = message.Number, Grade = message.Grade, Category = message.Category, ReportedAt = message.ReportedAt,
            ReportDueAt = message.ReportDueAt, ReportOwedBy = message.ReportDueAt is null ? null : message.TenantCode,
        });
        await store.AddHistoryAsync(session, new HistoryRow
        {
            ExerciseId = message.ExerciseId, At = message.OccurredAt, Act = "drill_incident_opened", Actor = "system", ActorTenant = message.TenantCode,
            Summary = $"演练事件 {message.Number} 已在{target?.Name ?? message.TenantCode}建立",
        });
    }
}
