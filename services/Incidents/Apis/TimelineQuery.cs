using System.Globalization;
using Fenghuo.Incidents.Data;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Incidents.Apis;

/// <summary>
/// GET /api/incidents/{id}/timeline?before=&amp;limit=: which page of the record. <c>before</c> is a cursor a page
/// gave — the number (seq) of its oldest entry, as text the client hands back unread; numbers never repeat
/// within a record, so the order is total even when entries share a time, and a page is a range, never a skip.
/// </summary>
public sealed record TimelineQuery(int? Before, int Limit)
{
    /// <summary>As many as the incident view carries, unless asked otherwise.</summary>
    public const int DefaultLimit = IncidentStore.NewestPageSize;

    public const int MaxLimit = 200;

    public static string? Cursor(int? before) => before?.ToString(CultureInfo.InvariantCulture);

    /// <summary>The query, or null with a field error for each parameter that is not one this API gave or takes; an empty one is absent.</summary>
    public static TimelineQuery? Read(string? before, string? limit, List<FieldError> errors)
    {
        int? cursor = null;
        if (!string.IsNullOrEmpty(before))
        {
            if (int.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var entry) && entry > 0)
            {
                cursor = entry;
            }
            else
            {
                errors.Add(new FieldError("before", "invalid_cursor", "before 须为此前一页给出的游标（timelineBefore 或 before）",
                    "before must be a cursor an earlier page gave (timelineBefore or before)"));
            }
        }
        var take = DefaultLimit;
        // Read as text, so "abc" gets the same field error as "0".
        if (!string.IsNullOrEmpty(limit) && !(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) && take is >= 1 and <= MaxLimit))
        {
            errors.Add(new FieldError("limit", "out_of_range", $"limit 须为 1–{MaxLimit} 之间的整数", $"limit must be a whole number 1–{MaxLimit}"));
        }
        return errors.Count == 0 ? new TimelineQuery(cursor, take) : null;
    }

    /// <summary>
    /// An act's ?seen=: the newest entry number the caller shows, so the answer carries only newer entries; null when
    /// absent or empty, and a field error for anything but a whole number of 0 or more.
    /// </summary>
    public static int? Seen(string? seen, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(seen))
        {
            return null;
        }
        if (int.TryParse(seen, NumberStyles.None, CultureInfo.InvariantCulture, out var entry))
        {
            return entry;
        }
        errors.Add(new FieldError("seen", "invalid", "seen 须为已显示的最新记录编号（非负整数）",
            "seen must be the number of the newest entry shown, a whole number of 0 or more"));
        return null;
    }
}
