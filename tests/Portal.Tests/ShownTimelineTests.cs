using Fenghuo.Contracts.Plans;
using Fenghuo.Portal.Gateway;

namespace Fenghuo.Portal.Tests;

/// <summary>
/// The incident page's 处置记录: a duty officer who loaded older entries keeps them when an act brings
/// the newest page, and never sees a run with a hole in it.
/// </summary>
public sealed class ShownTimelineTests
{
    private const int Page = 50;

    [Fact]
    public void Older_pages_go_below_what_is_shown_and_the_last_one_ends_the_button()
    {
        var shown = ShownTimeline.Newest(Answer(total: 120));
        Assert.Equal((71, 120, 70), (shown.Entries[0].Seq, shown.NewestFirst.First().Seq, shown.NotShown));

        shown = shown.With(Older(shown.Before!, total: 120));
        Assert.Equal((21, true, 20), (shown.Entries[0].Seq, shown.HasMore, shown.NotShown));
        shown = shown.With(Older(shown.Before!, total: 120));

        Assert.Equal(Enumerable.Range(1, 120), shown.Entries.Select(e => e.Seq));
        Assert.Equal((false, null, 0), (shown.HasMore, shown.Before, shown.NotShown));
    }

    [Fact]
    public void An_acts_answer_puts_its_new_entry_on_top_and_keeps_the_older_entries_loaded()
    {
        var shown = ShownTimeline.Newest(Answer(total: 120));
        shown = shown.With(Older(shown.Before!, total: 120));

        shown = shown.After(Answer(total: 121));

        Assert.Equal(Enumerable.Range(21, 101), shown.Entries.Select(e => e.Seq));
        Assert.Equal(121, shown.NewestFirst.First().Seq);
        Assert.Equal((121, true, "21", 20), (shown.Total, shown.HasMore, shown.Before, shown.NotShown));
    }

    [Fact]
    public void When_more_was_recorded_meanwhile_than_a_page_holds_the_newest_page_alone_is_shown()
    {
        var shown = ShownTimeline.Newest(Answer(total: 120));
        shown = shown.With(Older(shown.Before!, total: 120));

        shown = shown.After(Answer(total: 200));

        Assert.Equal(Enumerable.Range(151, Page), shown.Entries.Select(e => e.Seq));
        Assert.Equal((200, true, "151"), (shown.Total, shown.HasMore, shown.Before));
    }

    [Fact]
    public void A_newest_page_that_starts_right_after_what_is_shown_joins_it()
    {
        var shown = ShownTimeline.Newest(Answer(total: 120)).After(Answer(total: 170));

        Assert.Equal(Enumerable.Range(71, 100), shown.Entries.Select(e => e.Seq));
        Assert.Equal((170, true, "71"), (shown.Total, shown.HasMore, shown.Before));
    }

    [Fact]
    public void A_short_record_is_shown_whole_without_a_button()
    {
        var shown = ShownTimeline.Newest(Answer(total: 3)).After(Answer(total: 4));

        Assert.Equal([4, 3, 2, 1], shown.NewestFirst.Select(e => e.Seq));
        Assert.False(shown.HasMore);
    }

    [Fact]
    public void An_act_asks_for_what_is_newer_than_the_newest_entry_shown_and_its_answer_goes_on_top()
    {
        var shown = ShownTimeline.Newest(Answer(total: 120));
        shown = shown.With(Older(shown.Before!, total: 120));
        Assert.Equal("?seen=120", shown.Seen);

        // Two entries were recorded since: another user's and the act's own.
        shown = shown.After(Answer(total: 122, seen: 120));

        Assert.Equal(Enumerable.Range(21, 102), shown.Entries.Select(e => e.Seq));
        Assert.Equal((122, true, "21", "?seen=122"), (shown.Total, shown.HasMore, shown.Before, shown.Seen));
    }

    [Fact]
    public void An_answer_with_nothing_newer_than_what_is_shown_keeps_it()
    {
        var shown = ShownTimeline.Newest(Answer(total: 120));

        shown = shown.After(Answer(total: 120, seen: 120));

        Assert.Equal(Enumerable.Range(71, Page), shown.Entries.Select(e => e.Seq));
        Assert.Equal((120, true, "71"), (shown.Total, shown.HasMore, shown.Before));
    }

    [Fact]
    public void An_answer_asked_of_a_record_that_outgrew_a_page_meanwhile_is_shown_alone()
    {
        var shown = ShownTimeline.Newest(Answer(total: 120));

        shown = shown.After(Answer(total: 200, seen: 120));

        Assert.Equal(Enumerable.Range(151, Page), shown.Entries.Select(e => e.Seq));
        Assert.Equal((200, true, "151"), (shown.Total, shown.HasMore, shown.Before));
    }

    /// <summary>An incident as the API answers it, whose record holds entries 1…total; its newest page is the last 50.</summary>
    /// <param name="seen">As an act's answer asked with ?seen=: only the entries after it, at most a page.</param>
    private static Incident Answer(int total, int seen = 0)
    {
        var first = Math.Max(seen + 1, Math.Max(1, total - Page + 1));
        var entries = first <= total ? Entries(first, total) : [];
        return new Incident(Guid.NewGuid(), "阳城-2026-0001", "yangcheng", "阳城县", "responding", Grade.Large, "data_security", null, null, "I",
            "yangcheng", [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "yangcheng.duty", "阳城县网信办", "阳城县人民医院", "张三", "数据外泄",
            null, null, [], entries, [], [], TimelineTotal: total, TimelineHasMore: first > 1, TimelineBefore: first > 1 ? first.ToString() : null);
    }

    private static TimelinePage Older(string before, int total)
    {
        var last = int.Parse(before) - 1;
        var first = Math.Max(1, last - Page + 1);
        return new TimelinePage(Entries(first, last), total, first > 1, first > 1 ? first.ToString() : null);
    }

    private static List<TimelineEntry> Entries(int first, int last) =>
        [.. Enumerable.Range(first, last - first + 1).Select(n => new TimelineEntry(n, DateTimeOffset.UnixEpoch, "followup", "yangcheng.duty", "yangcheng", $"第{n}次续报"))];
}
