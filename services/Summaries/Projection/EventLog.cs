using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Npgsql;

namespace Fenghuo.Summaries.Projection;

/// <summary>One logged event as the rebuild reads it back.</summary>
public sealed record LoggedEvent(long Seq, IIntegrationEvent Message);

/// <summary>The append-only log of every consumed event; statements run under <see cref="ProjectionWidening.Projection"/>.</summary>
public sealed class EventLog
{
    private const string AppendStatement = """
        insert into event_log (event_id, event_type, occurred_at, payload)
        values ($1, $2, $3, $4::jsonb)
        on conflict (event_id) do nothing
        """;

    private const string ReadRange = """
        select seq as Seq, event_type as EventType, payload::text as Payload from event_log
        where seq > @After and seq <= @UpTo order by seq limit @Batch
        """;

    /// <summary>
    /// The statement that keeps the event, for a batch; once run, its RecordsAffected is 0 when the event
    /// was already kept (the same event under another consumer or a redelivery).
    /// </summary>
    public static NpgsqlBatchCommand Append(IIntegrationEvent message) => new(AppendStatement)
    {
        Parameters =
        {
            new NpgsqlParameter<Guid> { TypedValue = message.EventId },
            new NpgsqlParameter<string> { TypedValue = RecordedEvents.NameOf(message) },
            new NpgsqlParameter<DateTimeOffset> { TypedValue = message.OccurredAt.ToUniversalTime() },
            new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(message, message.GetType(), FenghuoJson.Options) },
        },
    };

    public Task<long> LastSeqAsync(DbSession session) =>
        session.Connection.ExecuteScalarAsync<long>("select coalesce(max(seq), 0) from event_log", transaction: session.Transaction);

    public async Task<IReadOnlyList<LoggedEvent>> ReadAsync(DbSession session, long after, long upTo, int batch)
    {
        var rows = await session.Connection.QueryAsync<(long Seq, string EventType, string Payload)>(
            ReadRange, new { After = after, UpTo = upTo, Batch = batch }, session.Transaction);
        return rows.Select(r => new LoggedEvent(r.Seq,
            (IIntegrationEvent)JsonSerializer.Deserialize(r.Payload, RecordedEvents.ByName[r.EventType], FenghuoJson.Options)!)).ToList();
    }
}
