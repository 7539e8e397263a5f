using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts;
using Fenghuo.ServiceDefaults.Http;
using Fenghuo.Summaries.Projection;
using MassTransit;
using Npgsql;

namespace Fenghuo.Summaries.Messaging;

/// <summary>
/// Keeps one kind of event in the log and the read model, once per message: the events that came
/// together (<see cref="RecordingConsumerDefinition{TConsumer}"/>) are recorded in one transaction, each
/// message's inbox row committed with its effects, so a redelivery, whole or mixed with new messages,
/// changes nothing twice.
/// </summary>
public abstract class RecordingConsumer<TEvent>(TenantDatabase database, ReadModel readModel, ILogger logger) : IConsumer<Batch<TEvent>>
    where TEvent : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<Batch<TEvent>> context)
    {
        var batch = context.Message;
        using var scope = batch.Length == 1 ? ScopeOf(batch[0]) : null;
        try
        {
            await RecordAsync([.. batch], context.CancellationToken);
        }
        catch (Exception e) when (batch.Length > 1 && !WaitedOut(e))
        {
            // One message the projection cannot take must not hold back the others: each is tried alone,
            // and only the ones that fail alone go on to the retry policy and the error queue.
            logger.LogWarning(e, "Recording {Count} {EventType} together failed; recording each alone", batch.Length, typeof(TEvent).Name);
            await RecordEachAloneAsync(batch, context.CancellationToken);
        }
    }

    private async Task RecordEachAloneAsync(Batch<TEvent> batch, CancellationToken cancellationToken)
    {
        ExceptionDispatchInfo? failed = null;
        foreach (var message in batch)
        {
            using var scope = ScopeOf(message);
            var watch = Stopwatch.StartNew();
            try
            {
                await RecordAsync([message], cancellationToken);
            }
            catch (Exception e) when (!WaitedOut(e))
            {
                logger.LogError(e, "Recording {EventType} {MessageId} failed", typeof(TEvent).Name, message.MessageId);
                failed ??= ExceptionDispatchInfo.Capture(e);
                continue;
            }
            // Delivered: when the batch's consumer fails below, MassTransit faults only the messages not marked so.
            await message.NotifyConsumed(message, watch.Elapsed, GetType().Name);
        }
        failed?.Throw();
    }

    /// <summary>
    /// Alone, a message's log lines can name it, as every other consumer's do (IdempotentConsumer): the request that
    /// caused it is found by its correlation id. A batch's lines concern many messages and name none.
    /// </summary>
    private IDisposable? ScopeOf(ConsumeContext<TEvent> message)
    {
        CorrelationId.Current = message.Headers.Get<string>(CorrelationId.HeaderName);
        return logger.BeginScope("message {MessageId} tenant {TenantCode} correlation {CorrelationId}",
            message.MessageId ?? message.Message.EventId, message.Message.TenantCode, CorrelationId.Current);
    }

    private async Task RecordAsync(IReadOnlyList<ConsumeContext<TEvent>> messages, CancellationToken cancellationToken)
    {
        var received = messages.Select(m => new ReceivedEvent(m.MessageId ?? m.Message.EventId, m.Message)).ToList();
        var consumer = GetType().FullName!;
        // Each event names its tenant, and a batch holds many: the projection's widening, not a tenant's
        // settings, is what lets its statements see and write the rows.
        var recorded = await database.InScopedTransactionAsync(TenantScope.None,
            session => readModel.RecordAsync(session, consumer, received), cancellationToken);
        if (recorded < received.Count)
        {
            logger.LogInformation("Skipped {Count} of {Total} {EventType}: already applied", received.Count - recorded, received.Count, typeof(TEvent).Name);
        }
    }

    /// <summary>
    /// What the retry policy waits out for the whole batch (<see cref="RetryingConsumerDefinition{TConsumer}"/>):
    /// trying each message alone against a database that cannot serve would only fail each one.
    /// </summary>
    private static bool WaitedOut(Exception e) => e switch
    {
        OperationCanceledException or NotKnownYetException => true,
        NpgsqlException n => RetryingConsumerDefinition<RecordingConsumer<TEvent>>.DatabaseUnavailable(n),
        _ => false,
    };
}
