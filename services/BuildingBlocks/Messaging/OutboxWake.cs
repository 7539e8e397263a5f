using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Messaging;

/// <summary>
/// Wakes the outbox relay after a transaction that wrote to the outbox has committed, instead of a NOTIFY inside
/// it. PostgreSQL takes one database-wide lock for every committing transaction that notifies and holds it through
/// the commit's WAL flush, so with a NOTIFY in each report every report of every tenant committed one after the
/// other ("Lock:object" in pg_stat_activity). When this process's own relay leads, it is woken in memory: no round
/// trip, no notification for the server to queue and deliver. Otherwise the leader, in another process, is woken
/// through PostgreSQL; those wake-ups are coalesced, one at a time and one more if further commits came while it
/// was under way. A wake-up that fails (or a process that stops first) leaves the rows to the relay's idle poll.
/// </summary>
public sealed class OutboxWake(NpgsqlDataSource dataSource, ILogger<OutboxWake> logger)
{
    private readonly Channel<bool> local = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private volatile bool leading;
    private int pending;

    /// <summary>Call once the transaction that wrote outbox rows has committed.</summary>
    public void Committed()
    {
        if (leading)
        {
            local.Writer.TryWrite(true);
        }
        else if (Interlocked.Increment(ref pending) == 1)
        {
            _ = Task.Run(NotifyAsync);
        }
    }

    /// <summary>Whether this process's relay leads: set by the relay while it holds the lead.</summary>
    internal bool Leading
    {
        set => leading = value;
    }

    /// <summary>Completes when a commit of this process woke its leading relay, or when <paramref name="ct"/> is cancelled.</summary>
    internal async Task WokenAsync(CancellationToken ct)
    {
        try
        {
            await local.Reader.ReadAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task NotifyAsync()
    {
        while (true)
        {
            var seen = Volatile.Read(ref pending);
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var notify = new NpgsqlCommand($"select pg_notify('{Outbox.NotifyChannel}', '')", connection);
                await notify.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                logger.LogDebug(e, "Outbox wake-up not sent; the relay's idle poll finds the rows");
            }
            if (Interlocked.CompareExchange(ref pending, 0, seen) == seen)
            {
                return;
            }
        }
    }
}
