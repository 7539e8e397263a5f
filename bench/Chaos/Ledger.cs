using Npgsql;

namespace Fenghuo.Chaos;

internal sealed record Checks(
    IReadOnlyList<Outcome> Lost, IReadOnlyList<Outcome> Duplicated, IReadOnlyList<string> Inboxes, int InboxGaps, int UnmarkedDeadlines);

/// <summary>What the services' databases hold after the run, read as the server's superuser (past row-level security).</summary>
internal sealed class Ledger(string adminConnectionString)
{
    public async Task<bool> WaitForDrainedOutboxesAsync(TimeSpan within)
    {
        var giveUp = DateTimeOffset.UtcNow + within;
        while (true)
        {
            var unsent = 0L;
            foreach (var database in await DatabasesAsync())
            {
                unsent += await ScalarAsync(database, "SELECT count(*) FROM outbox WHERE sent_at IS NULL");
            }
            if (unsent == 0)
            {
                return true;
            }
            if (DateTimeOffset.UtcNow > giveUp)
            {
                Console.WriteLine($"  {unsent} outbox rows still unsent");
                return false;
            }
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// Waits until every consumer's inbox holds every event sent of the types it takes and no deadline is
    /// left past due: the relay publishes a backlog faster than the consumers apply it, so an outbox with
    /// nothing unsent may still have events waiting in a queue.
    /// </summary>
    /// <returns>Whether that was so within <paramref name="within"/>.</returns>
    public async Task<bool> WaitForConsumersAsync(DateTimeOffset since, TimeSpan within)
    {
        var giveUp = DateTimeOffset.UtcNow + within;
        while (true)
        {
            var (_, gaps) = await InboxesAsync(since);
            var unmarked = await UnmarkedDeadlinesAsync();
            if (gaps == 0 && unmarked == 0)
            {
                return true;
            }
            if (DateTimeOffset.UtcNow > giveUp)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <param name="since">When the load began: every service was consuming by then, so an event from before it may have had no queue to go to yet (which the tenant directory's resync exists for).</param>
    public async Task<Checks> CheckAsync(IReadOnlyList<Outcome> outcomes, DateTimeOffset since)
    {
        await using var incidents = await OpenAsync("incidentsdb");
        var reports = outcomes.Where(o => o.Kind == "report" && o.Accepted).ToList();
        var stored = await CountsAsync(incidents,
            "SELECT idempotency_key, count(*) FROM incident WHERE idempotency_key = ANY(@keys) GROUP BY 1", reports.Select(r => r.Key));
        var followUps = outcomes.Where(o => o.Kind == "follow-up" && o.Accepted).ToList();
        var written = await CountsAsync(incidents,
            // Tokens are taken out of each entry's text and matched by equality: a substring search of
            // every token in every entry grows with their product and outlasted the command timeout.
            """
            SELECT m.token, count(*)
            FROM incident_timeline t
            CROSS JOIN LATERAL (SELECT DISTINCT x[1] AS token FROM regexp_matches(t.summary || t.details::text, '(followup-[0-9a-f]{32})', 'g') x) m
            WHERE m.token = ANY(@keys)
            GROUP BY 1
            """,
            followUps.Select(f => f.Key));
        var accepted = reports.Concat(followUps).ToList();
        var lost = accepted.Where(o => stored.GetValueOrDefault(o.Key) + written.GetValueOrDefault(o.Key) == 0).ToList();
        var duplicated = accepted.Where(o => stored.GetValueOrDefault(o.Key) + written.GetValueOrDefault(o.Key) > 1).ToList();

        var (inboxes, gaps) = await InboxesAsync(since);
        return new Checks(lost, duplicated, inboxes, gaps, await UnmarkedDeadlinesAsync());
    }

    private async Task<int> UnmarkedDeadlinesAsync() => (int)await ScalarAsync("incidentsdb",
        "SELECT count(*) FROM incident_deadline WHERE status = 'due' AND due_at < now() - interval '10 seconds'");

    /// <summary>
    /// Every event an outbox sent, against every consumer that takes its type: each consumer that
    /// received one event of a type received every event of that type, and its inbox's key says once.
    /// </summary>
    private async Task<(IReadOnlyList<string> Lines, int Gaps)> InboxesAsync(DateTimeOffset since)
    {
        var sent = new List<(string Database, Guid Id, string Type)>();
        var received = new List<(string Database, string Consumer, Guid Id)>();
        foreach (var database in await DatabasesAsync())
        {
            await using var connection = await OpenAsync(database);
            await using (var command = new NpgsqlCommand("SELECT id, message_type FROM outbox WHERE created_at >= @since", connection))
            {
                command.Parameters.AddWithValue("since", since);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    sent.Add((database, reader.GetGuid(0), reader.GetString(1)));
                }
            }
            await using (var command = new NpgsqlCommand("SELECT consumer, message_id FROM inbox", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    received.Add((database, reader.GetString(0), reader.GetGuid(1)));
                }
            }
        }
        var typeOf = sent.ToDictionary(s => s.Id, s => (s.Database, s.Type));
        var lines = new List<string>();
        var gaps = 0;
        foreach (var consumer in received.Where(r => typeOf.ContainsKey(r.Id)).GroupBy(r => (r.Database, r.Consumer, typeOf[r.Id].Type, From: typeOf[r.Id].Database)))
        {
            var total = sent.Count(s => s.Type == consumer.Key.Type && s.Database == consumer.Key.From);
            var got = consumer.Select(r => r.Id).Distinct().Count();
            gaps += total - got;
            lines.Add($"  {consumer.Key.From} → {consumer.Key.Database} {consumer.Key.Consumer}: {consumer.Key.Type} {got}/{total}{(got == total ? "" : "  MISSING")}");
        }
        return (lines.OrderBy(l => l, StringComparer.Ordinal).ToList(), gaps);
    }

    private static async Task<Dictionary<string, long>> CountsAsync(NpgsqlConnection connection, string sql, IEnumerable<string> keys)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("keys", keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }

    private async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<IReadOnlyList<string>> DatabasesAsync()
    {
        await using var connection = await OpenAsync("postgres");
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var databases = new List<string>();
        while (await reader.ReadAsync())
        {
            databases.Add(reader.GetString(0));
        }
        return databases;
    }
}
