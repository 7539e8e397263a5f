using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.BuildingBlocks.Messaging;

/// <summary>
/// Records an event in the same transaction as the change it reports. The relay publishes it
/// after commit; if the transaction rolls back, the event never existed.
/// </summary>
public sealed class Outbox
{
    public const string NotifyChannel = "fenghuo_outbox";

    // pg_notify is delivered at commit, waking the relay exactly when the row becomes visible.
    private const string Insert = """
        insert into outbox (id, message_type, payload, correlation_id, created_at)
        values (@Id, @MessageType, @Payload::jsonb, @CorrelationId, now());
        select pg_notify('fenghuo_outbox', '');
        """;

    /// <remarks>
    /// The row names the event's runtime type and holds all of its facts, so an event stamped through
    /// its base record (ActScope.PublishAsync(IncidentEvent)) keeps its own type and members.
    /// </remarks>
    public Task EnqueueAsync<TEvent>(DbSession session, TEvent message) where TEvent : class, IIntegrationEvent =>
        session.Connection.ExecuteAsync(Insert, new
        {
            Id = message.EventId,
            MessageType = message.GetType().FullName,
            Payload = JsonSerializer.Serialize(message, message.GetType(), FenghuoJson.Options),
            CorrelationId = CorrelationId.Current,
        }, session.Transaction);
}
