using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.ServiceDefaults;
using Fenghuo.ServiceDefaults.Http;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Messaging;

/// <summary>
/// Publishes committed outbox rows to RabbitMQ, oldest first. One relay per database publishes at a time: it leads
/// while its listening session holds an advisory lock, so the rows it reads need no claim written on them, and a
/// row is written once after it was recorded, marked sent only after the broker confirmed it (MassTransit waits for
/// publisher confirms). A broker outage delays events but never loses them. A relay that stops, or whose session
/// ends (its process or the database killed), lets the lock go with the session; another relay, or this one
/// reconnected, then leads and sends again what had not been marked, and the consumers' inbox drops the copy.
/// A batch's messages are all published at once and their confirms awaited together: one confirm at a time held
/// the relay to a few hundred messages a second, below full intake.
/// </summary>
/// <remarks>
/// Why one leader instead of a lease per row (claimed_until, until the fifth pass): the lease cost every event a
/// second update of its row, index entries included, and replicas gained nothing from sharing the work: one relay
/// publishes a backlog at thousands of rows a second (bench/Outbox.Bench), several times full intake.
/// Order: a batch is read oldest first and its publishes are started in that order, without an await
/// between them, on the bus's one publish channel, where the client numbers each publish and writes its
/// frame under one lock; so in the ordinary case the broker receives a batch in the order it was recorded,
/// and a batch is settled before the next is read. No consumer relies on that order, and none could:
/// each receive endpoint handles up to 16 messages at once (MassTransit's default prefetch and
/// concurrency), a retried or redelivered message comes back behind later ones, the events of one
/// incident travel through different queues, and a relay that took the lead over sends again what the last
/// one had not marked. So when a publish in the middle of a batch fails, the later ones the broker confirmed stay
/// sent and only the failed one waits for the next batch. What consumers rely on instead is that every step tolerates
/// any order (the summaries' projection upserts and only moves a state forward, the tenant directory keeps
/// the newest revision, notifications retry an event about a tenant not known yet). Oldest first is kept
/// for the lag: the event that has waited longest goes out first.
/// </remarks>
internal sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBus bus,
    OutboxLag lag,
    OutboxWake wake,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    // Relay spans continue the trace of the request that recorded the event; MassTransit's publish
    // span becomes their child and carries the context on to every consumer.
    private static readonly ActivitySource Tracing = new(Telemetry.SourceName);

    // With the confirms awaited together, a batch's read, mark and lag reading are most of what a row
    // costs the relay besides its publish: 500 rows spread them five times thinner than 100, and a batch
    // still takes a fraction of a second (bench/Outbox.Bench).
    private const int BatchSize = 500;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    // What the broker has not confirmed this long after the batch was read is given up and tried again with the next batch.
    private static readonly TimeSpan PublishWithin = TimeSpan.FromSeconds(10);

    // The session-level advisory lock a relay leads by, in its database (each service has its own).
    private const long LeaderLock = 0x6668_6f75_7462_6f78; // "fhoutbox"

    // Losing a mark in a crash of the database only sends a row again, which every inbox drops: it does not wait for its WAL flush.
    private const string Asynchronous = "select set_config('synchronous_commit', 'off', true)";

    private const string Unsent = """
        select id, message_type, payload::text, correlation_id, trace_parent from outbox
        where sent_at is null order by created_at limit $1
        """;

    private const string MarkSent = "update outbox set sent_at = now() where id = any($1)";

    private const string OldestUnsent = "select extract(epoch from now() - min(created_at))::float8 from outbox where sent_at is null";

    // Sent rows are kept a week for diagnosis, then removed.
    private const string Prune = "delete from outbox where sent_at < now() - interval '7 days'";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listening = await ChannelListener.ListenAsync(dataSource, Outbox.NotifyChannel, stoppingToken);
                var listener = listening.Connection;
                // The listening connection's wait for a notification, kept across wake-ups from this process: the connection
                // runs one command at a time, so nothing else is sent on it while the wait is under way.
                Task<bool>? notified = null;
                try
                {
                    while (!await listener.ExecuteScalarAsync<bool>("select pg_try_advisory_lock(@LeaderLock)", new { LeaderLock }))
                    {
                        // Another relay leads; this one waits to take over should that one's session end.
                        await Task.Delay(IdlePoll, stoppingToken);
                    }
                    await listener.ExecuteAsync(Prune);
                    wake.Leading = true;
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        // A full batch means more rows may be waiting: the next is read at once.
                        var read = await RelayBatchAsync(stoppingToken);
                        await RefreshLagAsync();
                        backoff = TimeSpan.FromMilliseconds(250);
                        if (read < BatchSize)
                        {
                            notified ??= listener.WaitAsync(IdlePoll, stoppingToken);
                            using var woken = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                            if (await Task.WhenAny(notified, wake.WokenAsync(woken.Token)) == notified)
                            {
                                await notified;
                                notified = null;
                            }
                            await woken.CancelAsync();
                        }
                    }
                }
                finally
                {
                    wake.Leading = false;
                    if (notified is not null)
                    {
                        // Settled within the idle poll, or at once when stopping; what it ended with no longer matters.
                        await notified.ContinueWith(_ => { }, TaskScheduler.Default);
                    }
                    await LetGoAsync(listener);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Outbox relay paused for {Backoff}: {Reason}", backoff, e.Message);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>
    /// Gives the lead up before the listening connection goes back to the pool, which does not reset a session it takes
    /// back: the next user of the connection would otherwise hold the lock, and no relay would lead.
    /// </summary>
    private static async Task LetGoAsync(NpgsqlConnection listener)
    {
        try
        {
            if (listener.FullState == System.Data.ConnectionState.Open)
            {
                await listener.ExecuteAsync("select pg_advisory_unlock_all()");
            }
        }
        catch (NpgsqlException)
        {
            // The connection broke: its session, and the lock with it, has ended, and the pool discards it.
        }
    }

    /// <returns>How many rows were read: a full batch means more may be waiting.</returns>
    private async Task<int> RelayBatchAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.StartNew();
        var batch = await UnsentAsync(stoppingToken);
        if (batch.Count == 0)
        {
            return 0;
        }
        var publishes = new List<(Guid Id, Task Confirmed)>(batch.Count);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            deadline.CancelAfter(TimeSpan.FromTicks(Math.Max(0, (PublishWithin - started.Elapsed).Ticks)));
            // Started in order, none awaited before the next starts (see the remarks on order).
            foreach (var message in batch)
            {
                publishes.Add((message.Id, PublishAsync(message, deadline.Token)));
            }
            await Task.WhenAll(publishes.Select(p => p.Confirmed));
        }
        finally
        {
            // Every publish has ended here (WhenAll waits for all, faulted or not). What the broker confirmed is
            // recorded even when another row failed, so it is not sent twice; the rest stays unsent for the next batch.
            var sent = publishes.Where(p => p.Confirmed.IsCompletedSuccessfully).Select(p => p.Id).ToArray();
            if (sent.Length > 0)
            {
                await MarkSentAsync(sent);
            }
        }
        return batch.Count;
    }

    private async Task<List<OutboxMessage>> UnsentAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var read = new NpgsqlCommand(Unsent, connection) { Parameters = { new NpgsqlParameter<int> { TypedValue = BatchSize } } };
        await using var reader = await read.ExecuteReaderAsync(ct);
        var batch = new List<OutboxMessage>(BatchSize);
        while (await reader.ReadAsync(ct))
        {
            batch.Add(new OutboxMessage(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return batch;
    }

    private async Task MarkSentAsync(Guid[] sent)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var mark = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(Asynchronous),
                new NpgsqlBatchCommand(MarkSent) { Parameters = { new NpgsqlParameter<Guid[]> { TypedValue = sent } } },
            },
        };
        await mark.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken deadline)
    {
        var type = typeof(IIntegrationEvent).Assembly.GetType(message.MessageType)
            ?? throw new InvalidOperationException($"Outbox row {message.Id} has unknown type {message.MessageType}.");
        var payload = JsonSerializer.Deserialize(message.Payload, type, FenghuoJson.Options)!;
        using var span = ActivityContext.TryParse(message.TraceParent, null, out var recorded)
            ? Tracing.StartActivity($"outbox relay {type.Name}", ActivityKind.Producer, recorded)
            : null;
        await bus.Publish(payload, type, context =>
        {
            context.MessageId = message.Id;
            context.Durable = true;
            if (message.CorrelationId is not null)
            {
                context.Headers.Set(CorrelationId.HeaderName, message.CorrelationId);
            }
        }, deadline);
        lag.CountPublished(type.Name);
    }

    private async Task RefreshLagAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var seconds = await connection.ExecuteScalarAsync<double?>(OldestUnsent);
        lag.Set(TimeSpan.FromSeconds(seconds ?? 0));
    }
}
