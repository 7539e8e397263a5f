using System.Diagnostics.Metrics;
using System.Runtime.ExceptionServices;
using Fenghuo.ServiceDefaults;
using Npgsql;

namespace Fenghuo.Incidents.Data;

/// <summary>
/// The reports of one county (one tenant scope) on their way to the database, recorded a batch at a time.
/// A report's number comes from its county's counter row, which its transaction holds from the number to the
/// commit's WAL flush: a county's reports commit one after the other, each waiting for the previous one's flush.
/// So while one batch is in flight, the county's next reports wait here and then go together, in one
/// transaction and one flush, instead of queueing on the row. A lone report goes at once, as before.
/// </summary>
internal sealed class CountyLane
{
    private static readonly Meter Meter = new(Telemetry.SourceName);

    private static readonly UpDownCounter<long> Waiting = Meter.CreateUpDownCounter<long>(
        "fenghuo.incidents.reports_waiting", description: "Reports waiting for their county's batch in flight");

    private readonly Queue<WaitingReport> waiting = new();
    private bool recording;

    /// <returns>True when the report leads: no batch of its county is in flight, and it records the next one.</returns>
    public bool Join(WaitingReport report)
    {
        lock (waiting)
        {
            waiting.Enqueue(report);
            if (recording)
            {
                report.Counted = true;
                Waiting.Add(1);
                return false;
            }
            recording = true;
            return true;
        }
    }

    /// <summary>The leader's batch: the oldest reports waiting, its own first.</summary>
    public List<WaitingReport> Take(int most)
    {
        lock (waiting)
        {
            var batch = new List<WaitingReport>(Math.Min(most, waiting.Count));
            while (batch.Count < most && waiting.TryDequeue(out var next))
            {
                if (next.Counted)
                {
                    Waiting.Add(-1);
                }
                batch.Add(next);
            }
            return batch;
        }
    }

    /// <summary>Ends a batch: wakes its reports and hands the lead to the oldest report still waiting, if any.</summary>
    public void Settle(List<WaitingReport> batch, WaitingReport leader)
    {
        WaitingReport? next;
        lock (waiting)
        {
            recording = waiting.TryPeek(out next);
        }
        foreach (var report in batch)
        {
            if (report != leader)
            {
                report.Turn.TrySetResult(false);
            }
        }
        next?.Turn.TrySetResult(true);
    }
}

/// <summary>One report's statements, built in its own request (its correlation id and trace go with its event), and what became of them.</summary>
internal sealed class WaitingReport(List<NpgsqlBatchCommand> statements, bool checksPlan)
{
    public List<NpgsqlBatchCommand> Statements { get; } = statements;

    /// <summary>Whether the statements begin with the plan version's check, which answers a row of its own.</summary>
    public bool ChecksPlan { get; } = checksPlan;

    /// <summary>True: this report leads its county's next batch; false: its batch has ended.</summary>
    public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Counted { get; set; }

    /// <summary>The number the report was given, once its batch committed.</summary>
    public string? Number { get; set; }

    /// <summary>Why its batch, holding it alone, failed.</summary>
    public ExceptionDispatchInfo? Error { get; set; }
}
