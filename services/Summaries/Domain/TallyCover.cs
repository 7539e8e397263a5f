using Fenghuo.Contracts;

namespace Fenghuo.Summaries.Domain;

/// <summary>The buckets of the overview's time series: days for a short period, months otherwise.</summary>
public enum SeriesInterval
{
    [Chinese("按日")]
    Day,
    [Chinese("按月")]
    Month,
}

/// <summary>
/// How a period is read from the tallies: its whole China months from the month tallies, its other
/// whole China days from the day tallies, and what is left of a first or last day that is not whole
/// (a period given by timestamps) from the rows themselves. Every instant of the period is read
/// exactly once, so the figures are the rows' own.
/// </summary>
public sealed record TallyCover(
    SeriesInterval Interval,
    DateOnly MonthsFrom, DateOnly MonthsTo,
    DateOnly DaysFrom, DateOnly DaysTo,
    DateOnly LateDaysFrom, DateOnly LateDaysTo,
    DateTimeOffset EdgeFrom, DateTimeOffset EdgeTo,
    DateTimeOffset LateEdgeFrom, DateTimeOffset LateEdgeTo)
{
    /// <summary>The longest period shown day by day; a longer one is shown month by month.</summary>
    public const int MostDaysByDay = 62;

    public static TallyCover Of(Period period)
    {
        var interval = (period.To - period.From).TotalDays <= MostDaysByDay ? SeriesInterval.Day : SeriesInterval.Month;
        var firstDay = period.From.ShanghaiDate();
        if (Period.StartOf(firstDay) < period.From)
        {
            firstDay = firstDay.AddDays(1);
        }
        var endDay = period.To.ShanghaiDate();
        if (firstDay >= endDay)
        {
            // Not one whole day: the rows answer it all.
            return new TallyCover(interval, firstDay, firstDay, firstDay, firstDay, firstDay, firstDay, period.From, period.To, period.To, period.To);
        }
        var edgeTo = Period.StartOf(firstDay);
        var lateEdgeFrom = Period.StartOf(endDay);
        var firstMonth = firstDay.Day == 1 ? firstDay : MonthOf(firstDay).AddMonths(1);
        var endMonth = MonthOf(endDay);
        if (interval == SeriesInterval.Day || firstMonth >= endMonth)
        {
            return new TallyCover(interval, firstDay, firstDay, firstDay, endDay, endDay, endDay, period.From, edgeTo, lateEdgeFrom, period.To);
        }
        return new TallyCover(interval, firstMonth, endMonth, firstDay, firstMonth, endMonth, endDay, period.From, edgeTo, lateEdgeFrom, period.To);
    }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The series bucket a China day falls in.</summary>
    public DateOnly BucketOf(DateOnly day) => Interval == SeriesInterval.Day ? day : MonthOf(day);

    /// <summary>Every bucket the period touches, in order, empty ones included, so a chart's axis has no gaps.</summary>
    public IReadOnlyList<DateOnly> Buckets(Period period)
    {
        var last = BucketOf(period.To.AddTicks(-1).ShanghaiDate());
        var buckets = new List<DateOnly>();
        for (var bucket = BucketOf(period.From.ShanghaiDate()); bucket <= last;
             bucket = Interval == SeriesInterval.Day ? bucket.AddDays(1) : bucket.AddMonths(1))
        {
            buckets.Add(bucket);
        }
        return buckets;
    }
}
