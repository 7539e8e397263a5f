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
/// Publishes committed outbox rows to RabbitMQ, oldest first. A batch is claimed with a lease
/// (claimed_until) in one short statement, so replicas share the work without a transaction kept open
/// while the broker confirms; a row is marked sent only after the broker confirmed it (MassTransit
/// waits for publisher confirms), so a broker outage delays events but never loses them. A batch's
/// messages are all published at once and their confirms awaited together: one confirm at a time held
/// the relay to a few hundred messages a second, below full intake. What the broker confirmed is marked
/// sent and the rest given back, well before the lease ends; should the relay stop anyway, another takes
/// the rows once the lease has passed, and the consumers' inbox drops the copy.
/// </summary>
/// <remarks>
/// Order: a batch is claimed oldest first and its publishes are started in that order, without an await
/// between them, on the bus's one publish channel, where the client numbers each publish and writes its
/// frame under one lock; so in the ordinary case the broker receives a batch in the order it was recorded,
/// and a batch is settled before the next is claimed. No consumer relies on that order, and none could:
/// each receive endpoint handles up to 16 messages at once (MassTransit's default prefetch and
/// concurrency), a retried or redelivered message comes back behind later ones, the events of one
/// incident travel through different queues, and other replicas' relays publish other rows meanwhile.
/// So when a publish in the middle of a batch fails, the later ones the broker confirmed stay sent and only
/// the failed one waits for the next attempt. What consumers rely on instead is that every step tolerates
/// any order (the summaries' projection upserts and only moves a state forward, the tenant directory keeps
/// the newest revision, notifications retry an event about a tenant not known yet). Oldest first is kept
/// for the lag: the event that has waited longest goes out first.
/// </remarks>
internal sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBus bus,
    OutboxLag lag,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    // Relay spans continue the trace of the request that recorded the event; MassTransit's publish
    // span becomes their child and carries the context on to every consumer.
    private static readonly ActivitySource Tracing = new(Telemetry.SourceName);

    // With the confirms awaited together, a batch's claim, settle and lag reading are most of what a row
    // costs the relay besides its publish: 500 rows spread them five times thinner than 100, and a batch
    // still takes a fraction of a second (bench/Outbox.Bench).
    private const int BatchSize = 500;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    // Short, because the rows of a relay killed mid-batch wait it out; a batch normally takes well under a second.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    // What the broker has not confirmed this long after the claim began is given up and given back, with
    // two thirds of the lease to spare: no other relay can claim a row while this one still publishes it.
    private static readonly TimeSpan PublishWithin = Lease / 3;

    // Losing a claim or a mark in a crash of the database only sends a row again, which every inbox drops:
    // neither waits for its WAL flush.
    private const string Asynchronous = "select set_config('synchronous_commit', 'off', true)";

    private const string Claim = """
        update outbox set claimed_until = now() + make_interval(secs => $1)
        where id in (
            select id from outbox
            where sent_at is null and (claimed_until is null or claimed_until < now())
            order by created_at limit $2 for update skip locked)
        returning id, message_type, payload::text, correlation_id, trace_parent, created_at
        """;

    private const string MarkSent = "update outbox set sent_at = now(), claimed_until = null where id = any($1)";

    private const string GiveBack = "update outbox set claimed_until = null where id = any($1) and sent_at is null";

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
                await listener.ExecuteAsync(Prune);
                while (!stoppingToken.IsCancellationRequested)
                {
                    // A full batch means more rows may be waiting: the next is claimed at once.
                    var claimed = await RelayBatchAsync(stoppingToken);
                    await RefreshLagAsync(listener);
                    backoff = TimeSpan.FromMilliseconds(250);
                    if (claimed < BatchSize)
                    {
                        await listener.WaitAsync(IdlePoll, stoppingToken);
                    }
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

    /// <returns>How many rows were claimed: a full batch means more may be waiting.</returns>
    private async Task<int> RelayBatchAsync(CancellationToken stoppingToken)
    {
        var leased = Stopwatch.StartNew();
        var batch = await ClaimAsync(stoppingToken);
        if (batch.Count == 0)
        {
            return 0;
        }
        var publishes = new List<(Guid Id, Task Confirmed)>(batch.Count);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            deadline.CancelAfter(TimeSpan.FromTicks(Math.Max(0, (PublishWithin - leased.Elapsed).Ticks)));
            // Started in order, none awaited before the next starts (see the remarks on order).
            foreach (var message in batch)
            {
                publishes.Add((message.Id, PublishAsync(message, deadline.Token)));
            }
            await Task.WhenAll(publishes.Select(p => p.Confirmed));
        }
        finally
        {
            // Every publish has ended here (WhenAll waits for all, faulted or not). What the broker confirmed
            // is recorded even when another row failed, so it is not sent twice; the rest is given back for
            // the next attempt instead of waiting out the lease.
            var sent = publishes.Where(p => p.Confirmed.IsCompletedSuccessfully).Select(p => p.Id).ToList();
            await SettleAsync(sent, batch.Select(m => m.Id).Except(sent).ToArray());
        }
        return batch.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var claim = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(Asynchronous),
                new NpgsqlBatchCommand(Claim)
                {
                    Parameters = { new NpgsqlParameter<double> { TypedValue = Lease.TotalSeconds }, new NpgsqlParameter<int> { TypedValue = BatchSize } },
                },
            },
        };
        await using var reader = await claim.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        var batch = new List<(OutboxMessage Message, DateTime CreatedAt)>(BatchSize);
        while (await reader.ReadAsync(ct))
        {
            batch.Add((new OutboxMessage(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)),
                reader.GetDateTime(5)));
        }
        // UPDATE … RETURNING keeps no order: the batch is published oldest first.
        return batch.OrderBy(b => b.CreatedAt).Select(b => b.Message).ToList();
    }

    private async Task SettleAsync(List<Guid> sent, Guid[] unsent)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var settle = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(Asynchronous),
                new NpgsqlBatchCommand(MarkSent) { Parameters = { new NpgsqlParameter<Guid[]> { TypedValue = sent.ToArray() } } },
                new NpgsqlBatchCommand(GiveBack) { Parameters = { new NpgsqlParameter<Guid[]> { TypedValue = unsent } } },
            },
        };
        await settle.ExecuteNonQueryAsync(CancellationToken.None);
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

    private async Task RefreshLagAsync(NpgsqlConnection connection)
    {
        var seconds = await connection.ExecuteScalarAsync<double?>(OldestUnsent);
        lag.Set(TimeSpan.FromSeconds(seconds ?? 0));
    }
}
