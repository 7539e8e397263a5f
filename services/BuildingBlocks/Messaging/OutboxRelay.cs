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
/// Publishes committed outbox rows to RabbitMQ. Rows are claimed with FOR UPDATE SKIP LOCKED so
/// replicas share the work; a row is marked sent only after the broker confirmed it (MassTransit
/// waits for publisher confirms), so a broker outage delays events but never loses them.
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

    private const string Claim = """
        select id as Id, message_type as MessageType, payload::text as Payload, correlation_id as CorrelationId, trace_parent as TraceParent
        from outbox where sent_at is null order by created_at limit @BatchSize for update skip locked
        """;

    private const string MarkSent = "update outbox set sent_at = now() where id = any(@Ids)";

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
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        await using var transaction = await connection.BeginTransactionAsync(stoppingToken);
        var batch = (await connection.QueryAsync<OutboxMessage>(Claim, new { BatchSize }, transaction)).ToList();
        var sent = new List<Guid>(batch.Count);
        try
        {
            foreach (var message in batch)
            {
                await PublishAsync(message, stoppingToken);
                sent.Add(message.Id);
            }
        }
        finally
        {
            // What the broker confirmed is recorded even when a later row failed, so it is not sent twice.
            if (sent.Count > 0)
            {
                await connection.ExecuteAsync(MarkSent, new { Ids = sent.ToArray() }, transaction);
            }
            await transaction.CommitAsync(CancellationToken.None);
        }
        return sent.Count;
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
