using Dapper;
using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Summaries.Projection;

/// <summary>
/// Replays the whole event log into a fresh generation of the read tables and swaps it in, while
/// the API keeps answering from the generation in force and consumers keep recording into it:
/// <list type="number">
/// <item>under the exclusive lock (no event being recorded), note the last logged event and start generation n+1;</item>
/// <item>replay the log up to that event in batches, with no lock held;</item>
/// <item>under the exclusive lock again, replay what was logged meanwhile and make n+1 the generation in force;</item>
/// <item>delete generation n's rows.</item>
/// </list>
/// One rebuild at a time: a second request while one runs is refused.
/// </summary>
public sealed class ReadModelRebuild(TenantDatabase database, EventLog log, ReadModelProjector projector, SummariesOptions options, TimeProvider time, ILogger<ReadModelRebuild> logger)
{
    private static readonly string[] ReadTables = ["s_tenant", "s_incident", "s_clock", "s_warning", "s_plan", "s_drill", "s_incident_tally", "s_clock_tally"];

    private readonly SemaphoreSlim running = new(1, 1);

    /// <summary>Rebuilds now; false when a rebuild is already running. Returns the generation now in force.</summary>
    public async Task<RebuildOutcome> RunAsync(CancellationToken ct)
    {
        if (!await running.WaitAsync(0, ct))
        {
            return new RebuildOutcome(false, 0, 0);
        }
        try
        {
            var (next, cut) = await ProjectionAsync(async session =>
            {
                await LockAsync(session);
                var current = await session.Connection.ExecuteScalarAsync<int>(ReadModel.CurrentGeneration, transaction: session.Transaction);
                var generation = current + 1;
                await ClearAsync(session, generation);
                await session.Connection.ExecuteAsync("update projection_state set rebuilding = @Generation where id = 1", new { Generation = generation }, session.Transaction);
                return (generation, await log.LastSeqAsync(session));
            }, ct);

            var replayed = await ReplayAsync(next, 0, cut, ct);
            var old = 0;
            replayed += await ProjectionAsync(async session =>
            {
                await LockAsync(session);
                old = await session.Connection.ExecuteScalarAsync<int>(ReadModel.CurrentGeneration, transaction: session.Transaction);
                var late = await ReplayBatchesAsync(session, next, cut, long.MaxValue);
                await session.Connection.ExecuteAsync("update projection_state set generation = @Generation, rebuilding = null, rebuilt_at = @At where id = 1",
                    new { Generation = next, At = time.GetUtcNow() }, session.Transaction);
                return late;
            }, ct);
            await ProjectionAsync(async session =>
            {
                await ClearAsync(session, old);
                return true;
            }, ct);
            logger.LogInformation("Read model rebuilt into generation {Generation} from {Events} logged events", next, replayed);
            return new RebuildOutcome(true, next, replayed);
        }
        finally
        {
            running.Release();
        }
    }

    private async Task<long> ReplayAsync(int generation, long after, long upTo, CancellationToken ct)
    {
        long replayed = 0;
        while (true)
        {
            var batch = await ProjectionAsync(async session =>
            {
                var events = await log.ReadAsync(session, after, upTo, options.RebuildBatch);
                foreach (var logged in events)
                {
                    await projector.ApplyAsync(session, generation, logged.Message);
                }
                return events;
            }, ct);
            if (batch.Count == 0)
            {
                return replayed;
            }
            replayed += batch.Count;
            after = batch[^1].Seq;
        }
    }

    private async Task<long> ReplayBatchesAsync(DbSession session, int generation, long after, long upTo)
    {
        long replayed = 0;
        while (await log.ReadAsync(session, after, upTo, options.RebuildBatch) is { Count: > 0 } events)
        {
            foreach (var logged in events)
            {
                await projector.ApplyAsync(session, generation, logged.Message);
            }
            replayed += events.Count;
            after = events[^1].Seq;
        }
        return replayed;
    }

    private Task<T> ProjectionAsync<T>(Func<DbSession, Task<T>> work, CancellationToken ct) =>
        database.InTransactionAsync(TenantScope.None,
            session => TenantDatabase.WidenedAsync(session, ProjectionWidening.Projection, () => work(session)), ct);

    private static Task LockAsync(DbSession session) =>
        session.Connection.ExecuteAsync("select pg_advisory_xact_lock(@Lock)", new { Lock = ReadModel.ProjectionLock }, session.Transaction);

    private static async Task ClearAsync(DbSession session, int generation)
    {
        foreach (var table in ReadTables)
        {
            await session.Connection.ExecuteAsync($"delete from {table} where generation = @Generation", new { Generation = generation }, session.Transaction);
        }
    }
}

/// <summary>A rebuild's result: whether it ran, the generation in force after it, how many events it replayed.</summary>
public sealed record RebuildOutcome(bool Ran, int Generation, long Replayed);
