using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.ServiceDefaults.Http;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Fenghuo.BuildingBlocks.Messaging;

/// <summary>
/// Applies each message at most once: the inbox row and the consumer's effects commit in one
/// transaction, so a redelivery finds its id already recorded and changes nothing.
/// </summary>
public abstract class IdempotentConsumer<TEvent>(TenantDatabase database, ILogger logger) : IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
{
    private const string Record = """
        insert into inbox (consumer, message_id) values (@Consumer, @MessageId)
        on conflict do nothing
        """;

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var messageId = context.MessageId ?? context.Message.EventId;
        var consumer = GetType().FullName!;
        CorrelationId.Current = context.Headers.Get<string>(CorrelationId.HeaderName);
        using var scope = logger.BeginScope("message {MessageId} tenant {TenantCode} correlation {CorrelationId}",
            messageId, context.Message.TenantCode, CorrelationId.Current);

        var applied = await database.InTransactionAsync(ScopeFor(context.Message), async session =>
        {
            var first = await session.Connection.ExecuteAsync(Record, new { Consumer = consumer, MessageId = messageId }, session.Transaction) == 1;
            if (first)
            {
                await ApplyAsync(context.Message, session, context.CancellationToken);
            }
            return first;
        }, context.CancellationToken);

        if (!applied)
        {
            logger.LogInformation("Skipped {EventType} {MessageId}: already applied", typeof(TEvent).Name, messageId);
        }
    }

    /// <summary>The message's effects, in the transaction that records it as processed.</summary>
    protected abstract Task ApplyAsync(TEvent message, DbSession session, CancellationToken cancellationToken);

    /// <summary>Whose rows the effects touch; by default the tenant the event concerns.</summary>
    protected virtual TenantScope ScopeFor(TEvent message) =>
        string.IsNullOrEmpty(message.TenantCode) ? TenantScope.None : new TenantScope(message.TenantCode, message.TenantPath);
}
