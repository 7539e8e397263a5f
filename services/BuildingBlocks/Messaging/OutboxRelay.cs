using System.Diagnostics;
using System.Text.Json;
using Dapper;
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
/// waits for publisher confirms), so a broker outage delays events but never loses them. A relay stops
/// publishing a batch well before its lease ends and gives back what it did not send; should it stop
/// anyway, another takes the rows once the lease has passed, and the consumers' inbox drops the copy.
/// </summary>
internal sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBus bus,
    OutboxLag lag,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    // Relay spans continue the trace of the request that recorded the event; MassTransit's publish
    // span becomes their child and carries the context on to every consumer.
    private static readonly ActivitySource Tracing = new(Telemetry.SourceName);

    private const int BatchSize = 100;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    // Short, because the rows of a relay killed mid-batch wait it out; a batch normally takes well under a second.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    // The lease's end leaves room for the last publish of a batch to time out before anyone else may claim.
    private static readonly TimeSpan PublishWithin = Lease - 2 * PublishTimeout;

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
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                await listener.ExecuteAsync($"listen {Outbox.NotifyChannel}");
                await listener.ExecuteAsync(Prune);
                while (!stoppingToken.IsCancellationRequested)
                {
                    var published = await RelayBatchAsync(stoppingToken);
                    await RefreshLagAsync(listener);
                    backoff = TimeSpan.FromMilliseconds(250);
                    if (published < BatchSize)
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

    private async Task<int> RelayBatchAsync(CancellationToken stoppingToken)
    {
        var leased = Stopwatch.StartNew();
        var batch = await ClaimAsync(stoppingToken);
        var sent = new List<Guid>(batch.Count);
        try
        {
            foreach (var message in batch.TakeWhile(_ => leased.Elapsed < PublishWithin))
            {
                await PublishAsync(message, stoppingToken);
                sent.Add(message.Id);
            }
        }
        finally
        {
            // What the broker confirmed is recorded even when a later row failed, so it is not sent twice;
            // the rest is given back for the next attempt instead of waiting out the lease.
            if (batch.Count > 0)
            {
                await SettleAsync(sent, batch.Select(m => m.Id).Except(sent).ToArray());
            }
        }
        return sent.Count;
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

    private async Task PublishAsync(OutboxMessage message, CancellationToken stoppingToken)
    {
        var type = typeof(IIntegrationEvent).Assembly.GetType(message.MessageType)
            ?? throw new InvalidOperationException($"Outbox row {message.Id} has unknown type {message.MessageType}.");
        var payload = JsonSerializer.Deserialize(message.Payload, type, FenghuoJson.Options)!;
        using var span = ActivityContext.TryParse(message.TraceParent, null, out var recorded)
            ? Tracing.StartActivity($"outbox relay {type.Name}", ActivityKind.Producer, recorded)
            : null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(PublishTimeout);
        await bus.Publish(payload, type, context =>
        {
            context.MessageId = message.Id;
            context.Durable = true;
            if (message.CorrelationId is not null)
            {
                context.Headers.Set(CorrelationId.HeaderName, message.CorrelationId);
            }
        }, timeout.Token);
        lag.CountPublished(type.Name);
    }

    private async Task RefreshLagAsync(NpgsqlConnection connection)
    {
        var seconds = await connection.ExecuteScalarAsync<double?>(OldestUnsent);
        lag.Set(TimeSpan.FromSeconds(seconds ?? 0));
    }
}
