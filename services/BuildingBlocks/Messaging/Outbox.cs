using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.ServiceDefaults.Http;
using Npgsql;
using NpgsqlTypes;

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
        insert into outbox (id, message_type, payload, correlation_id, trace_parent, created_at)
        values (@Id, @MessageType, @Payload::jsonb, @CorrelationId, @TraceParent, now());
        select pg_notify('fenghuo_outbox', '');
        """;

    private const string InsertInBatch = """
        insert into outbox (id, message_type, payload, correlation_id, trace_parent, created_at)
        values ($1, $2, {0}, $4, $5, now())
        """;

    /// <summary>
    /// The same row as <see cref="EnqueueAsync{TEvent}"/>, as a command of a batch that runs in one
    /// implicit transaction with the change it reports, without the wake-up: the caller wakes the relay
    /// with <see cref="OutboxWake"/> once the batch has committed. <paramref name="payload"/> is the SQL
    /// of the stored payload over the serialised event ($3, jsonb), so the database can complete it with
    /// a value the same batch has just made (an incident's number); <paramref name="extra"/> are its
    /// further parameters, $6 onwards.
    /// </summary>
    public static NpgsqlBatchCommand EnqueueCommand<TEvent>(TEvent message, string payload = "$3", params NpgsqlParameter[] extra)
        where TEvent : class, IIntegrationEvent
    {
        var insert = new NpgsqlBatchCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, InsertInBatch, payload))
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = message.EventId },
                new NpgsqlParameter<string> { TypedValue = message.GetType().FullName! },
                new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(message, message.GetType(), FenghuoJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb },
                new NpgsqlParameter { Value = (object?)CorrelationId.Current ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new NpgsqlParameter
                {
                    Value = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id! : DBNull.Value,
                    NpgsqlDbType = NpgsqlDbType.Text,
                },
            },
        };
        foreach (var parameter in extra)
        {
            insert.Parameters.Add(parameter);
        }
        return insert;
    }

    /// <remarks>
    /// The row names and serialises the event's runtime type, so an event stamped through its base
    /// record keeps its own type and its own facts (serialising as the static type would keep only the header).
    /// </remarks>
    public Task EnqueueAsync<TEvent>(DbSession session, TEvent message) where TEvent : class, IIntegrationEvent =>
        session.Connection.ExecuteAsync(Insert, Parameters(message), session.Transaction);

    private static object Parameters<TEvent>(TEvent message) where TEvent : class, IIntegrationEvent => new
    {
        Id = message.EventId,
        MessageType = message.GetType().FullName,
        Payload = JsonSerializer.Serialize(message, message.GetType(), FenghuoJson.Options),
        CorrelationId = CorrelationId.Current,
        TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null,
    };
}
