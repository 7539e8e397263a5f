using System.Globalization;
using Fenghuo.Contracts;

namespace Fenghuo.Summaries.Exports;

/// <summary>Times in exports as a clock in China shows them.</summary>
public static class ChinaTime
{
    public static string? Text(DateTimeOffset? moment) =>
        moment?.ShanghaiTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

public static class ChinaDates
{
    /// <summary>The China date of a moment as a file name says it (2026-11-30).</summary>
    public static string ShanghaiDateText(this DateTimeOffset moment) =>
        moment.ShanghaiDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
