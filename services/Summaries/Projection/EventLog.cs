using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;

namespace Fenghuo.Summaries.Projection;

/// <summary>One logged event as the rebuild reads it back.</summary>
public sealed record LoggedEvent(long Seq, IIntegrationEvent Message);

/// <summary>The append-only log of every consumed event; statements run under <see cref="ProjectionWidening.Projection"/>.</summary>
public sealed class EventLog
{
    private const string Append = """
        insert into event_log (event_id, event_type, occurred_at, payload)
        values (@EventId, @EventType, @OccurredAt, @Payload::jsonb)
        on conflict (event_id) do nothing
        """;

    private const string ReadRange = """
        select seq as Seq, event_type as EventType, payload::text as Payload from event_log
        where seq > @After and seq <= @UpTo order by seq limit @Batch
        """;

    /// <summary>Keeps the event; false when it was already kept (the same event under another consumer or a redelivery).</summary>
    public async Task<bool> AppendAsync(DbSession session, IIntegrationEvent message) =>
        await session.Connection.ExecuteAsync(Append, new
        {
            message.EventId,
            EventType = RecordedEvents.NameOf(message),
            message.OccurredAt,
            Payload = JsonSerializer.Serialize(message, message.GetType(), FenghuoJson.Options),
        }, session.Transaction) == 1;

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
