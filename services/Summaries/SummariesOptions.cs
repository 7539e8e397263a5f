namespace Fenghuo.Summaries;

/// <summary>
/// The "Summaries" configuration section:
/// <code>{ "Summaries": { "RebuildBatch": 5000, "WorstOffenders": 10 } }</code>
/// </summary>
public sealed class SummariesOptions
{
    public const string Section = "Summaries";

    /// <summary>How many logged events a rebuild replays per transaction.</summary>
    public int RebuildBatch { get; set; } = 5000;

    /// <summary>How many of the latest clocks the overview names as the worst offenders.</summary>
    public int WorstOffenders { get; set; } = 10;
}
