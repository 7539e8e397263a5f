using System.Globalization;
using Fenghuo.Contracts;

namespace Fenghuo.Summaries.Domain;

/// <summary>
/// The period a summary covers, [From, To). A date means that day in China: <c>from=2026-01-01</c>
/// starts at its midnight, <c>to=2026-06-30</c> includes that whole day. A timestamp with an offset is taken as it is.
/// </summary>
public sealed record Period(DateTimeOffset From, DateTimeOffset To)
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The longest period one summary covers.</summary>
    public const int MaxDays = 3700;

    /// <summary>Without from and to: this year in China, up to the end of today, so two reads of one day name the same period.</summary>
    public static Period ThisYear(DateTimeOffset now) =>
        new(StartOf(new DateOnly(now.ShanghaiDate().Year, 1, 1)), StartOf(now.ShanghaiDate().AddDays(1)));

    public static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        // In UTC: the database takes instants only as UTC.
        return new DateTimeOffset(midnight, China.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>A from or to bound; <paramref name="end"/> makes a bare date mean the end of that day.</summary>
    public static bool TryParseBound(string text, bool end, out DateTimeOffset bound)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            bound = StartOf(end ? day.AddDays(1) : day);
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out bound) && HasOffset(text))
        {
            bound = bound.ToUniversalTime();
            return true;
        }
        return false;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
