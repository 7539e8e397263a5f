namespace Fenghuo.Portal.Gateway;

/// <summary>
/// What of an incident's 处置记录 the page shows: an unbroken run of entries up to the newest, grown
/// downward by 加载更早的记录 and upward by each act's answer, so that a duty officer who has read back
/// through the record keeps their place when they act.
/// </summary>
public sealed record ShownTimeline(IReadOnlyList<TimelineEntry> Entries, int Total, bool HasMore, string? Before)
{
    /// <summary>Newest first, as the page lists them.</summary>
    public IEnumerable<TimelineEntry> NewestFirst => Entries.Reverse();

    /// <summary>Entries of the record not shown yet (older ones; the count is the service's).</summary>
    public int NotShown => Math.Max(0, Total - Entries.Count);

    /// <summary>The newest page an incident came with.</summary>
    public static ShownTimeline Newest(Incident incident) =>
        new(incident.Timeline, incident.TimelineTotal, incident.TimelineHasMore, incident.TimelineBefore);

    /// <summary>
    /// The act's query string that asks its answer for only the entries newer than those shown (?seen=), so that a
    /// page already showing the record is not sent it again.
    /// </summary>
    public string Seen => Entries.Count > 0 ? $"?seen={Entries[^1].Seq}" : "";

    /// <summary>
    /// After an act: the answer's entries on top of what was shown, when the two meet (entry numbers run on
    /// without a gap; an answer asked with <see cref="Seen"/> starts right after it, and may carry nothing new);
    /// otherwise — more was recorded meanwhile than a page holds — the answer's page alone, so that no gap is hidden.
    /// </summary>
    public ShownTimeline After(Incident answered)
    {
        var newest = Newest(answered);
        var first = newest.Entries.Count > 0 ? newest.Entries[0].Seq : newest.Total + 1;
        var meets = newest.HasMore && Entries.Count > 0 && first <= Entries[^1].Seq + 1;
        return meets
            ? this with { Entries = [.. Entries.Where(e => e.Seq < first), .. newest.Entries], Total = newest.Total }
            : newest;
    }

    /// <summary>An older page below what is shown.</summary>
    public ShownTimeline With(TimelinePage older)
    {
        var oldest = Entries.Count > 0 ? Entries[0].Seq : int.MaxValue;
        return new([.. older.Entries.Where(e => e.Seq < oldest), .. Entries], older.Total, older.HasMore, older.Before);
    }
}
