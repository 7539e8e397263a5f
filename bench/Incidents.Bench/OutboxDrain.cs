using System.Diagnostics;
using Npgsql;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// How far event publishing lags behind intake. Every recorded incident leaves an IncidentReported
/// row in incidents-api's outbox, which the relay publishes after the broker confirms; the backlog
/// when intake stops, and the time until it is gone, say how long a burst of reports keeps the
/// events (notifications, the parent's copies) behind. Waiting for it also lets the latency phase
/// that follows start on a quiet platform.
/// </summary>
internal static class OutboxDrain
{
    private const string Database = "incidentsdb";
    private const string Unsent = "select count(*) from outbox where sent_at is null";

    /// <returns>Rows unsent at the start, and how long until none were left (null if not within <paramref name="limit"/>).</returns>
    public static async Task<(long Backlog, TimeSpan? DrainedAfter)> WaitAsync(string adminConnectionString, TimeSpan limit)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = Database, Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(Unsent, connection);
        var started = Stopwatch.GetTimestamp();
        var backlog = (long)(await count.ExecuteScalarAsync())!;
        var left = backlog;
        while (left > 0)
        {
            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                return (backlog, null);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
            left = (long)(await count.ExecuteScalarAsync())!;
        }

        return (backlog, Stopwatch.GetElapsedTime(started));
    }
}
