using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Exercises.Data;
using Fenghuo.Exercises.Domain;

namespace Fenghuo.Exercises.Messaging;

/// <summary>Records how a drill incident's clock went, for the after-action report's clock performance.</summary>
public sealed class DrillClockSettledConsumer(TenantDatabase database, ExerciseStore store, ILogger<DrillClockSettledConsumer> logger)
    : IdempotentConsumer<DrillClockSettled>(database, logger)
{
    protected override Task ApplyAsync(DrillClockSettled message, DbSession session, CancellationToken cancellationToken) =>
        store.SettleClockAsync(session, new DrillClockRow
        {
            DeadlineId = message.DeadlineId, ExerciseId = message.ExerciseId, InjectId = message.InjectId, IncidentId = message.IncidentId,
            Number = message.Number, Kind = message.Kind, OwedBy = message.OwedBy, DueAt = message.DueAt, MetAt = message.MetAt, Met = message.Met,
        });
}
