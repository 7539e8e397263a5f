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
    /// <summary>
    /// The consumer's inbox rows for the messages it has not seen, and for those the events the log
    /// does not have yet; returns the ids of the events logged now, which are the ones to fold in.
    /// </summary>
    private const string AppendStatement = """
        with fresh as (
            insert into inbox (consumer, message_id)
            select $1, m from unnest($2::uuid[]) m
            on conflict do nothing
            returning message_id)
        insert into event_log (event_id, event_type, occurred_at, payload)
        select e.event_id, e.event_type, e.occurred_at, e.payload::jsonb
        from unnest($2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[]) with ordinality
             e(message_id, event_id, event_type, occurred_at, payload, n)
        where e.message_id in (select message_id from fresh)
        order by e.n
        on conflict (event_id) do nothing
        returning event_id
        """;

    private const string ReadRange = """
        select seq as Seq, event_type as EventType, payload::text as Payload from event_log
        where seq > @After and seq <= @UpTo order by seq limit @Batch
        """;

    /// <summary>
    /// The statement that keeps, for a batch, <paramref name="consumer"/>'s inbox rows and the events;
    /// its result is the ids of the events logged now (not the same event under another consumer, nor a
    /// message the consumer had already seen).
    /// </summary>
    public static NpgsqlBatchCommand Append(string consumer, IReadOnlyList<ReceivedEvent> received) => new(AppendStatement)
    {
        Parameters =
        {
            new NpgsqlParameter<string> { TypedValue = consumer },
            new NpgsqlParameter<Guid[]> { TypedValue = [.. received.Select(r => r.MessageId)] },
            new NpgsqlParameter<Guid[]> { TypedValue = [.. received.Select(r => r.Message.EventId)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. received.Select(r => RecordedEvents.NameOf(r.Message))] },
            new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. received.Select(r => r.Message.OccurredAt.ToUniversalTime())] },
            new NpgsqlParameter<string[]> { TypedValue = [.. received.Select(r => JsonSerializer.Serialize(r.Message, r.Message.GetType(), FenghuoJson.Options))] },
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
