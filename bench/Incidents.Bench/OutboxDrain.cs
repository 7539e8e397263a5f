using System.Diagnostics;
using Npgsql;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// Whether what a load phase caused has all happened: every event incidents-api recorded published
/// from its outbox, and every report and 续报 recorded by summaries, the one service that consumes
/// those. The relay publishes a burst faster than summaries records it, so the work an incident causes
/// can outlast the load by seconds; a phase's CPU is taken from its start until this is true, so each
/// phase pays for its own events and for no other phase's.
/// </summary>
internal static class OutboxDrain
{
    /// <summary>How long a wait may take before the bench says the events lag and goes on.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private const string Unsent = "select count(*) from outbox where sent_at is null";

    // Names as the outbox keeps them (the type's full name) and as summaries' event log does (its short name).
    private const string Announced = """
        select count(*) from outbox where message_type in ('Fenghuo.Contracts.Incidents.IncidentReported', 'Fenghuo.Contracts.Incidents.FollowUpAdded')
        """;

    private const string Recorded = "select count(*) from event_log where event_type in ('IncidentReported', 'FollowUpAdded')";

    /// <returns>Outbox rows unsent and events not yet recorded when the load stopped, and how long until both were none (null if not within <see cref="Limit"/>).</returns>
    public static async Task<Settled> WaitAsync(string adminConnectionString)
    {
        await using var incidents = await OpenAsync(adminConnectionString, "incidentsdb");
        await using var summaries = await OpenAsync(adminConnectionString, "summariesdb");
        var started = Stopwatch.GetTimestamp();
        var (unsent, unrecorded) = await BehindAsync(incidents, summaries);
        var (left, notYet) = (unsent, unrecorded);
        while (left > 0 || notYet > 0)
        {
            if (Stopwatch.GetElapsedTime(started) > Limit)
            {
                return new Settled(unsent, unrecorded, null);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
            (left, notYet) = await BehindAsync(incidents, summaries);
        }

        return new Settled(unsent, unrecorded, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<(long Unsent, long Unrecorded)> BehindAsync(NpgsqlConnection incidents, NpgsqlConnection summaries)
    {
        var unsent = await CountAsync(incidents, Unsent);
        var announced = await CountAsync(incidents, Announced);
        var recorded = await CountAsync(summaries, Recorded);
        return (unsent, Math.Max(0, announced - recorded));
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string adminConnectionString, string database)
    {
        var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}

/// <param name="Unsent">incidents-api's outbox rows not yet published when the load stopped.</param>
/// <param name="Unrecorded">Reports and 续报 announced but not yet recorded by summaries when the load stopped.</param>
/// <param name="After">How long until both were none; null when the wait gave up.</param>
internal sealed record Settled(long Unsent, long Unrecorded, TimeSpan? After);
