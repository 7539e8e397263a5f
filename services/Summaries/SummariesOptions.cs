namespace Fenghuo.Summaries;

/// <summary>
/// The "Summaries" configuration section:
/// <code>{ "Summaries": { "RebuildBatch": 5000, "WorstOffenders": 10, "RecordingBatch": 100, "RecordingWait": "00:00:00.020" } }</code>
/// </summary>
public sealed class SummariesOptions
{
    public const string Section = "Summaries";

    /// <summary>How many logged events a rebuild replays per transaction.</summary>
    public int RebuildBatch { get; set; } = 5000;

    /// <summary>How many of the latest clocks the overview names as the worst offenders.</summary>
    public int WorstOffenders { get; set; } = 10;

    /// <summary>At most how many events of one kind a recorder takes into one transaction.</summary>
    public int RecordingBatch { get; set; } = 100;

    /// <summary>
    /// How long a recorder waits for more events after the first before recording what it has: a lone
    /// event (a quiet county at night) is visible this much later than it would be alone.
    /// </summary>
    public TimeSpan RecordingWait { get; set; } = TimeSpan.FromMilliseconds(20);
}
