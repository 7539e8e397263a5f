using System.Globalization;
using Npgsql;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// What incidents-api's connections are doing while intake runs, sampled from pg_stat_activity:
/// how many run a statement, how many wait and on what (a lock, the WAL flush of a commit, the
/// client). It tells whether intake is bound by the server, by a lock all reports queue on, or by
/// the service and gateway in front of the database.
/// </summary>
internal sealed class DatabaseWaits : IAsyncDisposable
{
    private const string Activity = """
        select case
                 when state = 'active' and wait_event is null then 'running'
                 when state = 'active' then wait_event_type || ':' || wait_event
                 else coalesce(state, 'unknown')
               end, count(*)
        from pg_stat_activity
        where datname = 'incidentsdb' and pid <> pg_backend_pid()
        group by 1
        """;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<string, long> connections = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private int samples;

    /// <param name="after">The warm-up: sampling starts when the measured part does.</param>
    public DatabaseWaits(string adminConnectionString, TimeSpan after) =>
        sampling = Task.Run(() => SampleAsync(
            new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = "incidentsdb", Pooling = false }.ConnectionString, after));

    /// <summary>Average number of connections in each state, busiest first, e.g. "running 3.1, Lock:transactionid 9.8".</summary>
    public async Task<string> StopAsync()
    {
        await stop.CancelAsync();
        await sampling;
        return samples == 0
            ? "no samples"
            : string.Join(", ", connections.OrderByDescending(c => c.Value)
                .Select(c => $"{c.Key} {((double)c.Value / samples).ToString("0.0", CultureInfo.InvariantCulture)}"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await StopAsync();
        }
    }

    private async Task SampleAsync(string connectionString, TimeSpan after)
    {
        try
        {
            await Task.Delay(after, stop.Token);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(stop.Token);
            await using var command = new NpgsqlCommand(Activity, connection);
            using var timer = new PeriodicTimer(Interval);
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                await using var reader = await command.ExecuteReaderAsync(stop.Token);
                while (await reader.ReadAsync(stop.Token))
                {
                    connections[reader.GetString(0)] = connections.GetValueOrDefault(reader.GetString(0)) + reader.GetInt64(1);
                }

                samples++;
            }
        }
        catch (OperationCanceledException)
        {
            // The phase is over.
        }
    }
}
