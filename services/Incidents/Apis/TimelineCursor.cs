using System.Globalization;

namespace Fenghuo.Incidents.Apis;

/// <summary>
/// Where a page of a timeline ends: the id of its oldest entry, as text the client hands back unread.
/// Ids never repeat, so the order is total even when entries share a time, and a page is a seek, not a skip.
/// </summary>
public static class TimelineCursor
{
    public static string? Of(long? before) => before?.ToString(CultureInfo.InvariantCulture);

    /// <summary>Digits alone, naming an entry id (1 or more); anything else is no cursor this API gave.</summary>
    public static bool TryParse(string text, out long before) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out before) && before > 0;
}
