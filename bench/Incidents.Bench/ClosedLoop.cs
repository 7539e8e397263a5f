using System.Collections.Concurrent;
using System.Diagnostics;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// A closed-loop load: each client issues its next operation when the previous one answered, as
/// a desk of duty officers or an importing script would. Operations that start during the warm-up
/// are not measured (JIT, connection pools and caches fill then) but their errors still count.
/// </summary>
internal static class ClosedLoop
{
    /// <param name="operation">Returns null on success, otherwise what went wrong.</param>
    /// <param name="count">Stop after this many measured operations instead of after <paramref name="duration"/>.</param>
    /// <param name="stop">Stops the load early: when another measurement that needs it running is done.</param>
    public static async Task<LoadResult> RunAsync(
        int clients, TimeSpan warmup, TimeSpan duration, int? count, Func<Task<string?>> operation, CancellationToken stop = default)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var deadline = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var issued = 0L;
        var completed = 0;
        var errors = new ConcurrentQueue<string>();
        var lastEnd = measureFrom;
        // CPU use of the measured part, taken here so a phase's teardown (connections closed, processes
        // gone) cannot lose what its processes used.
        var cpuBefore = Task.Delay(warmup).ContinueWith(_ => PlatformProcesses.TakeCpuSnapshot(), TaskScheduler.Default);

        async Task<List<double>> Client()
        {
            var latencies = new List<double>();
            while (true)
            {
                var began = Stopwatch.GetTimestamp();
                var measured = began >= measureFrom;
                if (stop.IsCancellationRequested
                    || (count is { } limit ? measured && Interlocked.Increment(ref issued) > limit : began >= deadline))
                {
                    return latencies;
                }

                string? error;
                try
                {
                    error = await operation();
                }
                catch (Exception e)
                {
                    error = $"{e.GetType().Name}: {e.Message}";
                }

                var ended = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref completed);
                if (error is not null)
                {
                    errors.Enqueue(error);
                }
                else if (measured)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(began, ended).TotalMilliseconds);
                    InterlockedMax(ref lastEnd, ended);
                }
            }
        }

        // Task.Run so each client starts on the pool at once rather than after the previous one's first await.
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client)));
        var cpuAfter = PlatformProcesses.TakeCpuSnapshot();
        var window = Stopwatch.GetElapsedTime(measureFrom, Math.Max(lastEnd, measureFrom + 1));
        return new LoadResult(new Latencies(perClient.SelectMany(l => l)), window, [.. errors], await cpuBefore, cpuAfter, completed);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

/// <param name="Window">From the end of the warm-up to the last measured completion.</param>
/// <param name="Completed">Every operation that answered, warm-up and errors included.</param>
internal sealed record LoadResult(
    Latencies Succeeded, TimeSpan Window, IReadOnlyList<string> Errors, CpuSnapshot CpuBefore, CpuSnapshot CpuAfter, int Completed)
{
    public double PerSecond => Succeeded.Count / Window.TotalSeconds;

    /// <summary>The first few distinct failures with how often each happened, for the report.</summary>
    public IEnumerable<string> ErrorSummary(int distinct = 5) =>
        Errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(distinct).Select(g => $"{g.Count()}× {g.Key}");
}
