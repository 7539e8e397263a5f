namespace Fenghuo.Portal.Gateway;

// The summaries API's overview (services/Summaries/Apis/OverviewViews.cs), as far as the 汇总 page reads it.

public sealed record SummaryCount(string Code, string Label, long Count);

public sealed record SummaryIncidents(long Total, long Drills, SummaryCount[] ByGrade, SummaryCount[] ByCategory, SummaryCount[] ByState, SummaryCount[] ByResponseLevel);

public sealed record SummaryClock(string Kind, string Label, long Met, long Missed, long Open, long? MedianMinutesLate, long? P90MinutesLate);

public sealed record SummaryEscalation(long Acknowledged, long? MedianMinutes, long? P90Minutes);

public sealed record SummaryWarnings(SummaryCount[] IssuedByLevel, long InForceNow);

public sealed record SummaryDrills(int Year, long? Required, long Completed, string? Compliance, string? ComplianceLabel, long Jurisdictions, long Compliant,
    long NotApplicable)
{
    /// <summary>"达标 m / n", with the jurisdictions no yearly minimum applies to said apart rather than counted as behind.</summary>
    public string Standing => $"达标 {Compliant} / {Jurisdictions}" + (NotApplicable > 0 ? $"（不适用 {NotApplicable}）" : "");
}

public sealed record SummaryPlan(int Version, DateOnly EffectiveFrom, DateTimeOffset PublishedAt, int DaysSinceRevision);

public sealed record SummaryFigures(SummaryIncidents Incidents, SummaryClock[] Clocks, SummaryEscalation Escalation, SummaryWarnings Warnings, SummaryDrills Drills)
{
    public long ClocksMet => Clocks.Sum(c => c.Met);

    public long ClocksMissed => Clocks.Sum(c => c.Missed);

    public long ClocksOpen => Clocks.Sum(c => c.Open);
}

public sealed record SummaryNode(string Code, string Name, string Kind, SummaryPlan? Plan, SummaryFigures Own, SummaryFigures Subtree, SummaryNode[] Children)
{
    /// <summary>The node and every node below it, depth first, with its depth under this one.</summary>
    public IEnumerable<(SummaryNode Node, int Depth)> Flatten(int depth = 0) =>
        Children.SelectMany(c => c.Flatten(depth + 1)).Prepend((this, depth));
}

public sealed record SummaryLateClock(string Number, string Tenant, string TenantName, string Kind, string Label, DateTimeOffset DueAt, DateTimeOffset? MetAt, long MinutesLate);

public sealed record SummarySeriesPoint(DateOnly Start, string Label, long Total, SummaryCount[] ByGrade, SummaryCount[] ByCategory);

public sealed record SummarySeries(string Interval, string Label, SummarySeriesPoint[] Points);

public sealed record SummaryOverview(DateTimeOffset From, DateTimeOffset To, SummaryNode Root, SummaryLateClock[] WorstOffenders, SummarySeries Series);
