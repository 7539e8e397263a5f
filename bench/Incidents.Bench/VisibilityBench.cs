using System.Diagnostics;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// Report-to-visible-at-parent: 阳城县 records an incident and reports it upward; the clock runs from
/// the moment the report-upward request is sent until 晋城市's duty officer first sees the incident in
/// GET /api/incidents/escalated. One sample after another, so each sees an otherwise idle platform.
/// </summary>
internal static class VisibilityBench
{
    // Short enough that the poll adds little to what is measured, long enough not to be a load test of its own.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    /// <summary>How many samples warm the act upward and the parent's listing when the bench warms up at all.</summary>
    public const int WarmSamples = 3;

    /// <param name="unmeasured">
    /// Samples run first and not counted: the warm-up of the load phases reports only, so the first act upward and the
    /// first listing would otherwise pay the JIT and the first use of their queries and views, once per deployment.
    /// </param>
    public static async Task<VisibilityResult> RunAsync(IncidentsClient incidents, int samples, int unmeasured)
    {
        // The first of them is shown apart: what the first escalation after a start costs.
        double? firstUpward = null;
        var warmListings = new List<double>();
        for (var i = 0; i < unmeasured; i++)
        {
            if (await incidents.ReportAsync(readId: true) is (string id, _))
            {
                var sent = Stopwatch.GetTimestamp();
                await incidents.ReportUpwardAsync(id);
                firstUpward ??= Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                await WaitVisibleAsync(incidents, id, Stopwatch.GetTimestamp(), warmListings);
            }
        }

        var visible = new List<double>();
        var reportUpward = new List<double>();
        var listing = new List<double>();
        var errors = new List<string>();
        for (var i = 0; i < samples; i++)
        {
            var (id, reportError) = await incidents.ReportAsync(readId: true);
            if (id is null)
            {
                errors.Add(reportError!);
                continue;
            }

            var sent = Stopwatch.GetTimestamp();
            if (await incidents.ReportUpwardAsync(id) is { } escalationError)
            {
                errors.Add(escalationError);
                continue;
            }

            reportUpward.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            var (seenAfter, pollError) = await WaitVisibleAsync(incidents, id, sent, listing);
            if (seenAfter is { } elapsed)
            {
                visible.Add(elapsed.TotalMilliseconds);
            }
            else
            {
                errors.Add(pollError!);
            }
        }

        return new VisibilityResult(new Latencies(visible), new Latencies(reportUpward), new Latencies(listing), errors,
            firstUpward, warmListings.Count > 0 ? warmListings[0] : null);
    }

    /// <param name="listing">Collects how long each of the parent's listings took to answer.</param>
    private static async Task<(TimeSpan? SeenAfter, string? Error)> WaitVisibleAsync(IncidentsClient incidents, string id, long sent, List<double> listing)
    {
        while (Stopwatch.GetElapsedTime(sent) < GiveUpAfter)
        {
            var asked = Stopwatch.GetTimestamp();
            var (seen, error) = await incidents.VisibleAtParentAsync(id);
            listing.Add(Stopwatch.GetElapsedTime(asked).TotalMilliseconds);
            if (seen)
            {
                return (Stopwatch.GetElapsedTime(sent), null);
            }

            if (error is not null)
            {
                return (null, error);
            }

            await Task.Delay(PollInterval);
        }

        return (null, $"incident {id} not visible at the parent within {GiveUpAfter.TotalSeconds:0}s");
    }
}

/// <param name="ReportUpward">How long the report-upward request itself took to answer.</param>
/// <param name="Listing">How long each of the parent's GET /api/incidents/escalated took to answer.</param>
/// <param name="FirstUpward">The first report-upward request after the platform started, before any was measured.</param>
/// <param name="FirstListing">The parent's first listing after the platform started.</param>
internal sealed record VisibilityResult(
    Latencies Visible, Latencies ReportUpward, Latencies Listing, IReadOnlyList<string> Errors, double? FirstUpward, double? FirstListing);
