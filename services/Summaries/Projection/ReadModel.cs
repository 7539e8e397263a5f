using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;

namespace Fenghuo.Summaries.Projection;

/// <summary>
/// Records a consumed event: kept in the log and folded into the generation the API reads, in the
/// consumer's transaction. A rebuild holds the exclusive side of the same advisory lock only at its
/// two cut-over moments, so events keep flowing while it replays.
/// </summary>
public sealed class ReadModel(EventLog log, ReadModelProjector projector)
{
    /// <summary>The advisory lock between recording events (shared) and a rebuild's cut-overs (exclusive).</summary>
    public const long ProjectionLock = 0x5355_4D4D_4152_59;

    public const string CurrentGeneration = "select generation from projection_state where id = 1";

    public Task RecordAsync(DbSession session, IIntegrationEvent message) =>
        TenantDatabase.WidenedAsync(session, ProjectionWidening.Projection, async () =>
        {
            await session.Connection.ExecuteAsync("select pg_advisory_xact_lock_shared(@Lock)", new { Lock = ProjectionLock }, session.Transaction);
            if (await log.AppendAsync(session, message))
            {
                var generation = await session.Connection.ExecuteScalarAsync<int>(CurrentGeneration, transaction: session.Transaction);
                await projector.ApplyAsync(session, generation, message);
            }
            return true;
        });
}
