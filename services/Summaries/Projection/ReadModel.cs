using Npgsql;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;

namespace Fenghuo.Summaries.Projection;

/// <summary>
/// Records a consumed event: kept in the log and folded into the generation the API reads, in the
/// consumer's transaction. A rebuild holds the exclusive side of the same advisory lock only at its
/// two cut-over moments, so events keep flowing while it replays.
/// </summary>
public sealed class ReadModel(ReadModelProjector projector)
{
    /// <summary>The advisory lock between recording events (shared) and a rebuild's cut-overs (exclusive).</summary>
    public const long ProjectionLock = 0x5355_4D4D_4152_59;

    public const string CurrentGeneration = "select generation from projection_state where id = 1";

    /// <summary>
    /// Two round trips: the widening, the shared lock, the log and the generation in one batch; then, if
    /// the event is new, its projection with the widening turned off again in another.
    /// </summary>
    public async Task RecordAsync(DbSession session, IIntegrationEvent message)
    {
        var append = EventLog.Append(message);
        await using var header = new NpgsqlBatch(session.Connection, session.Transaction)
        {
            BatchCommands =
            {
                Widening("on"),
                new NpgsqlBatchCommand("select pg_advisory_xact_lock_shared($1)") { Parameters = { new NpgsqlParameter<long> { TypedValue = ProjectionLock } } },
                append,
                new NpgsqlBatchCommand(CurrentGeneration),
            },
        };
        int? generation = null;
        await using (var reader = await header.ExecuteReaderAsync())
        {
            // A result per statement that returns rows (the insert returns none); the generation is named.
            do
            {
                if (await reader.ReadAsync() && reader.GetName(0) == "generation")
                {
                    generation = reader.GetInt32(0);
                }
            }
            while (await reader.NextResultAsync());
        }
        var projection = new ProjectionBatch(session);
        if (append.RecordsAffected == 1)
        {
            await projector.ApplyAsync(projection, generation!.Value, message);
        }
        projection.Add("select set_config(@Setting, '', true)", new { ProjectionWidening.Projection.Setting });
        await projection.ExecuteAsync();
    }

    private static NpgsqlBatchCommand Widening(string value) => new("select set_config($1, $2, true)")
    {
        Parameters =
        {
            new NpgsqlParameter<string> { TypedValue = ProjectionWidening.Projection.Setting },
            new NpgsqlParameter<string> { TypedValue = value },
        },
    };
}
