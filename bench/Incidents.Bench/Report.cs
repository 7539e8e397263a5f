using System.Globalization;
using System.Text;

namespace Fenghuo.Incidents.Bench;

/// <summary>Which side of a target is good.</summary>
internal enum Goal
{
    AtLeast,
    Below,
    AtMost,
}

/// <summary>The one table a run prints: each figure, its unit, its target and whether it was met.</summary>
internal sealed class Report
{
    private readonly List<string[]> rows = [];
    private readonly List<string> missed = [];
    private readonly List<string> errors = [];
    private readonly List<string> notes = [];

    public bool HasErrors => errors.Count > 0;

    /// <summary>A figure with no target: context for the others.</summary>
    public void Figure(string metric, double value, string unit) => rows.Add([metric, Format(value), unit, "", ""]);

    public void NotMeasured(string metric, string unit, string why) => rows.Add([metric, "—", unit, "", $"not measured: {why}"]);

    /// <summary>A figure with a target; <paramref name="goal"/> says which side of it is good.</summary>
    public void Target(string metric, double value, string unit, double target, Goal goal)
    {
        var met = !double.IsNaN(value) && goal switch
        {
            Goal.AtLeast => value >= target,
            Goal.Below => value < target,
            _ => value <= target,
        };
        var targetText = $"{goal switch { Goal.AtLeast => "≥", Goal.Below => "<", _ => "≤" }} {Format(target)}";
        rows.Add([metric, Format(value), unit, targetText, met ? "ok" : "MISSED"]);
        if (!met)
        {
            missed.Add($"{metric}: {Format(value)} {unit}, target {targetText}");
        }
    }

    /// <summary>An error count: anything above zero makes the run fail, whatever the other figures say.</summary>
    public void ErrorCount(string metric, int count, IEnumerable<string> examples)
    {
        rows.Add([metric, count.ToString(CultureInfo.InvariantCulture), "errors", "= 0", count == 0 ? "ok" : "ERROR"]);
        if (count > 0)
        {
            errors.Add($"{metric}: {count}");
            errors.AddRange(examples.Select(e => $"    {e}"));
        }
    }

    public void Error(string message) => errors.Add(message);

    public void Note(string note) => notes.Add(note);

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine();
        string[] header = ["metric", "value", "unit", "target", "verdict"];
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, column) => all.Max(row => row[column].Length)).ToArray();
        foreach (var (row, index) in all.Select((row, index) => (row, index)))
        {
            // Figures right-aligned so their digits line up; words left-aligned.
            text.AppendLine(string.Join("  ", row.Select((cell, column) =>
                column == 1 && index > 0 ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column]))).TrimEnd());
            if (index == 0)
            {
                text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }

        text.AppendLine();
        notes.ForEach(n => text.AppendLine(n));
        if (notes.Count > 0)
        {
            text.AppendLine();
        }

        if (errors.Count > 0)
        {
            text.AppendLine("!!!!!!!! ERRORS — this run's figures are not valid !!!!!!!!");
            errors.ForEach(e => text.AppendLine(e));
        }

        if (missed.Count > 0)
        {
            text.AppendLine($"******** MISSED {missed.Count} target(s) ********");
            missed.ForEach(m => text.AppendLine($"  MISSED {m}"));
        }

        if (errors.Count == 0 && missed.Count == 0)
        {
            text.AppendLine("All targets met, no errors.");
        }

        return text.ToString();
    }

    // Whole numbers and large figures without decimals; small measurements with one, and those under 10
    // with two: a process's CPU per operation is a few tenths of a millisecond, and a change to it smaller
    // than 0.1 ms was invisible.
    private static string Format(double value) =>
        double.IsNaN(value) ? "—" : value.ToString(value >= 100 || value == Math.Floor(value) ? "#,0" : value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
}
