namespace Fenghuo.Summaries;

/// <summary>
/// The "Summaries" configuration section:
/// <code>{ "Summaries": { "RebuildBatch": 5000, "WorstOffenders": 10, "RecordingBatch": 500, "RecordingWait": "00:00:00.200" } }</code>
/// </summary>
public sealed class SummariesOptions
{
    public const string Section = "Summaries";

    /// <summary>How many logged events a rebuild replays per transaction.</summary>
    public int RebuildBatch { get; set; } = 5000;

    /// <summary>How many of the latest clocks the overview names as the worst offenders.</summary>
    public int WorstOffenders { get; set; } = 10;

    /// <summary>At most how many events of one kind a recorder takes into one transaction.</summary>
    public int RecordingBatch { get; set; } = 500;

    /// <summary>
    /// How long a recorder waits for more events after the first before recording what it has: a lone
    /// event (a quiet county at night) is visible this much later than it would be alone. A batch has a cost of
    /// its own (its transaction, the inbox statement, folding the tallies of every county in it), which a longer
    /// wait shares among more events of a busy moment; a fifth of a second is nothing to a summary read by the day.
    /// </summary>
    public TimeSpan RecordingWait { get; set; } = TimeSpan.FromMilliseconds(200);
}
