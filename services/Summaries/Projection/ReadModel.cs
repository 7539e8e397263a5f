using Npgsql;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;

namespace Fenghuo.Summaries.Projection;

/// <summary>A consumed message: the id its inbox row is kept under, and the event it carries.</summary>
public sealed record ReceivedEvent(Guid MessageId, IIntegrationEvent Message);

/// <summary>
/// Records consumed events: each kept in the log and folded into the generation the API reads, in the
/// consumer's transaction, with the consumer's inbox row. A rebuild holds the exclusive side of the
/// same advisory lock only at its two cut-over moments, so events keep flowing while it replays.
/// </summary>
public sealed class ReadModel(ReadModelProjector projector)
{
    /// <summary>The advisory lock between recording events (shared) and a rebuild's cut-overs (exclusive).</summary>
    public const long ProjectionLock = 0x5355_4D4D_4152_59;

    /// <summary>
    /// Taken by every recording transaction, exclusive: one records at a time. The events of one batch
    /// touch many incidents' rows and the tally rows of their counties in an order of their own, so two
    /// batches side by side would deadlock on them; one after the other they never wait on a row.
    /// </summary>
    public const long RecordingLock = 0x5355_4D4D_5245_43;

    public const string CurrentGeneration = "select generation from projection_state where id = 1";

    /// <summary>
    /// Records <paramref name="received"/> for <paramref name="consumer"/> in two round trips whatever
    /// their number: the widening, the tallies deferred, the locks, the inbox rows, the log and the
    /// generation in one batch; then the new events' projections, the tallies folded and the widening
    /// turned off again in another. Returns how many were new.
    /// </summary>
    public async Task<int> RecordAsync(DbSession session, string consumer, IReadOnlyList<ReceivedEvent> received)
    {
        await using var header = new NpgsqlBatch(session.Connection, session.Transaction)
        {
            BatchCommands =
            {
                Widening("on"),
                DeferTallies,
                Lock("select pg_advisory_xact_lock_shared($1)", ProjectionLock),
                Lock("select pg_advisory_xact_lock($1)", RecordingLock),
                EventLog.Append(consumer, received),
                new NpgsqlBatchCommand(CurrentGeneration),
            },
        };
        var logged = new HashSet<Guid>();
        int? generation = null;
        await using (var reader = await header.ExecuteReaderAsync())
        {
            // A result per statement; the logged events and the generation are named.
            do
            {
                while (await reader.ReadAsync())
                {
                    switch (reader.GetName(0))
                    {
                        case "event_id":
                            logged.Add(reader.GetGuid(0));
                            break;
                        case "generation":
                            generation = reader.GetInt32(0);
                            break;
                    }
                }
            }
            while (await reader.NextResultAsync());
        }
        var fresh = logged.Count;
        var projection = new ProjectionBatch(session);
        foreach (var message in received.Select(r => r.Message).Where(m => logged.Remove(m.EventId)))
        {
            await projector.ApplyAsync(projection, generation!.Value, message);
        }
        // The batch's tally deltas, one upsert per bucket (0004), while the widening still covers them.
        projection.Add("select s_tally_fold()", new { });
        projection.Add("select set_config(@Setting, '', true)", new { ProjectionWidening.Projection.Setting });
        await projection.ExecuteAsync();
        return fresh;
    }

    /// <summary>The tally triggers keep deltas for <c>s_tally_fold()</c> instead of updating a county's rows for each event.</summary>
    private static NpgsqlBatchCommand DeferTallies => new("select set_config('fenghuo.tally_deferred', 'on', true)");

    private static NpgsqlBatchCommand Lock(string sql, long key) => new(sql)
    {
        Parameters = { new NpgsqlParameter<long> { TypedValue = key } },
    };

    private static NpgsqlBatchCommand Widening(string value) => new("select set_config($1, $2, true)")
    {
        Parameters =
        {
            new NpgsqlParameter<string> { TypedValue = ProjectionWidening.Projection.Setting },
            new NpgsqlParameter<string> { TypedValue = value },
        },
    };
}
