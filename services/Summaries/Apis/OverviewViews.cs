using System.Text.Json;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Summaries.Data;
using Fenghuo.Summaries.Domain;

namespace Fenghuo.Summaries.Apis;

/// <summary>A count under a code and its Chinese label.</summary>
public sealed record CountView(string Code, string Label, long Count);

public sealed record IncidentFigures(long Total, long Drills, CountView[] ByGrade, CountView[] ByCategory, CountView[] ByState, CountView[] ByResponseLevel);

public sealed record ClockFigures(DeadlineKind Kind, string Label, long Met, long Missed, long Open, long? MedianMinutesLate, long? P90MinutesLate);

public sealed record EscalationFigures(long Acknowledged, long? MedianMinutes, long? P90Minutes);

public sealed record WarningFigures(CountView[] IssuedByLevel, long InForceNow);

/// <summary>Drills in the calendar year (China time) of the period's end: for a node its own, for a subtree how many of its plans are met.</summary>
/// <param name="Jurisdictions">Those whose plan sets a yearly minimum, of which <paramref name="Compliant"/> met it.</param>
/// <param name="NotApplicable">Those with no plan in force or no minimum in it (不适用), outside the count.</param>
public sealed record DrillFigures(int Year, long? Required, long Completed, DrillCompliance? Compliance, string? ComplianceLabel, long Jurisdictions, long Compliant,
    long NotApplicable);

public sealed record PlanFigures(int Version, DateOnly EffectiveFrom, DateTimeOffset PublishedAt, int DaysSinceRevision);

public sealed record Figures(IncidentFigures Incidents, ClockFigures[] Clocks, EscalationFigures Escalation, WarningFigures Warnings, DrillFigures Drills);

/// <summary>A jurisdiction with its own figures, its subtree's totals (itself included) and its children.</summary>
public sealed record OverviewNode(string Code, string Name, string Kind, PlanFigures? Plan, Figures Own, Figures Subtree, OverviewNode[] Children);

public sealed record LateClockView(string Number, string Tenant, string TenantName, DeadlineKind Kind, string Label, DateTimeOffset DueAt, DateTimeOffset? MetAt, long MinutesLate);

/// <summary>The root subtree's real incidents reported in one bucket (a China day or month), by grade and by category.</summary>
public sealed record SeriesPoint(DateOnly Start, string Label, long Total, CountView[] ByGrade, CountView[] ByCategory);

/// <summary>Real incidents over time for the whole root: every bucket of the period in order, empty ones included; every grade and every category seen in the period in each.</summary>
public sealed record SeriesView(SeriesInterval Interval, string Label, SeriesPoint[] Points);

public sealed record OverviewView(DateTimeOffset From, DateTimeOffset To, OverviewNode Root, LateClockView[] WorstOffenders, SeriesView Series);

/// <summary>Adds the per-tenant rows up the tree: each node's own figures, and its subtree's from its own and its children's.</summary>
public static class Overview
{
    public static OverviewView Build(OverviewRows rows, string rootCode, Period period, TallyCover cover, DateTimeOffset now)
    {
        var (from, to) = (period.From, period.To);
        var tenants = rows.Tenants.ToDictionary(t => t.Code);
        var labels = Labels(rows.Plans);
        var year = to.AddTicks(-1).ShanghaiDate().Year;
        var tallies = rows.Tenants.ToDictionary(t => t.Code, _ => new Tally());
        Tally Of(string code) => tallies.TryGetValue(code, out var tally) ? tally : tallies[code] = new Tally();
        var series = new Dictionary<DateOnly, Tally>();
        Tally InSeries(DateOnly day)
        {
            var bucket = cover.BucketOf(day);
            return series.TryGetValue(bucket, out var tally) ? tally : series[bucket] = new Tally();
        }

        foreach (var r in rows.IncidentTallies)
        {
            var t = Of(r.TenantCode);
            var s = InSeries(r.Bucket);
            t.Drills += r.Drills;
            t.Total += r.Real;
            s.Total += r.Real;
            CountMap.Read(r.Counts, (key, count) =>
            {
                var colon = key.IndexOf(':');
                var (dimension, code) = (key[..colon], key[(colon + 1)..]);
                switch (dimension)
                {
                    case "grade": Add(t.Grade, code, count); Add(s.Grade, code, count); break;
                    case "category": Add(t.Category, code, count); Add(s.Category, code, count); break;
                    case "state": Add(t.State, code, count); break;
                    case "level": Add(t.Level, code, count); break;
                }
            });
            CountMap.Read(r.AckMinutes, (minutes, count) => t.Acknowledgement.Add(long.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture), count));
        }
        foreach (var r in rows.Incidents)
        {
            var t = Of(r.TenantCode);
            if (r.Exercise)
            {
                t.Drills += r.Count;
                continue;
            }
            var s = InSeries(r.Day);
            t.Total += r.Count;
            s.Total += r.Count;
            Add(t.Grade, r.Grade ?? "", r.Count);
            Add(s.Grade, r.Grade ?? "", r.Count);
            Add(t.Category, r.Category ?? "", r.Count);
            Add(s.Category, r.Category ?? "", r.Count);
            Add(t.State, r.State, r.Count);
            Add(t.Level, r.ResponseLevel ?? "", r.Count);
        }
        foreach (var r in rows.ClockTallies)
        {
            var clock = Of(r.TenantCode).Clock(r.Kind);
            clock.Met += r.Met;
            CountMap.Read(r.LateMinutes, (minutes, count) =>
            {
                clock.Missed += count;
                clock.Late.Add(long.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture), count);
            });
        }
        foreach (var r in rows.Clocks)
        {
            var clock = Of(r.TenantCode).Clock(r.Kind);
            switch (r.Standing)
            {
                case "met": clock.Met += r.Count; break;
                case "open": clock.Open += r.Count; break;
                default: clock.Missed += r.Count; clock.Late.Add(r.MinutesLate, r.Count); break;
            }
        }
        foreach (var r in rows.Acknowledgements)
        {
            Of(r.TenantCode).Acknowledgement.Add(r.Minutes, r.Count);
        }
        foreach (var r in rows.Warnings)
        {
            var t = Of(r.TenantCode);
            if (r.Issued > 0)
            {
                Add(t.WarningLevel, r.Level ?? "", r.Issued);
                if (r.LevelName is { } name && r.Level is { } level)
                {
                    labels.Warning.TryAdd(level, name);
                }
            }
            t.InForce += r.InForce;
        }
        var plans = rows.Plans.ToDictionary(p => p.TenantCode);
        var drills = rows.Drills.ToDictionary(d => d.TenantCode, d => d.Completed);

        var byParent = rows.Tenants.Where(t => t.ParentCode is not null).ToLookup(t => t.ParentCode!);

        (OverviewNode Node, Tally Subtree) Node(TenantRow tenant)
        {
            var own = tallies[tenant.Code];
            plans.TryGetValue(tenant.Code, out var plan);
            own.DrillsCompleted = drills.GetValueOrDefault(tenant.Code);
            own.DrillsRequired = plan?.MinimumDrillsPerYear;
            own.Compliance = DrillRule.Of(plan is not null, plan?.MinimumDrillsPerYear, own.DrillsCompleted);
            var children = byParent[tenant.Code].Select(Node).ToArray();
            var subtree = new Tally();
            subtree.Merge(own);
            foreach (var child in children)
            {
                subtree.Merge(child.Subtree);
            }
            var planView = plan is null ? null : new PlanFigures(plan.Version, DateOnly.ParseExact(plan.EffectiveFrom, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), plan.PublishedAt,
                now.ShanghaiDate().DayNumber - plan.PublishedAt.ShanghaiDate().DayNumber);
            var node = new OverviewNode(tenant.Code, tenant.Name, tenant.Kind, planView, own.View(labels, year, ownNode: true),
                subtree.View(labels, year, ownNode: false), children.Select(c => c.Node).ToArray());
            return (node, subtree);
        }

        var root = Node(tenants[rootCode]).Node;
        var worst = rows.Latest.Select(l => EnumLabel.TryParse<DeadlineKind>(l.Kind, out var kind)
            ? new LateClockView(l.Number, l.TenantCode, tenants.GetValueOrDefault(l.TenantCode)?.Name ?? l.TenantCode, kind, EnumLabel.Chinese(kind), l.DueAt, l.MetAt, l.MinutesLate)
            : null).OfType<LateClockView>().ToArray();
        return new OverviewView(from, to, root, worst, Series(series, cover, period, labels));
    }

    private static SeriesView Series(Dictionary<DateOnly, Tally> buckets, TallyCover cover, Period period, LabelBook labels)
    {
        var categories = buckets.Values.SelectMany(b => b.Category).GroupBy(c => c.Key)
            .OrderByDescending(g => g.Sum(c => c.Value)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToArray();
        var points = cover.Buckets(period).Select(start =>
        {
            var tally = buckets.GetValueOrDefault(start) ?? new Tally();
            return new SeriesPoint(start,
                cover.Interval == SeriesInterval.Day ? start.ToString("M月d日", System.Globalization.CultureInfo.InvariantCulture) : start.ToString("yyyy年M月", System.Globalization.CultureInfo.InvariantCulture),
                tally.Total,
                Enum.GetValues<Grade>().Select(g => new CountView(EnumLabel.Of(g), EnumLabel.Chinese(g), tally.Grade.GetValueOrDefault(EnumLabel.Of(g)))).ToArray(),
                categories.Select(c => new CountView(c, labels.Category.GetValueOrDefault(c, c), tally.Category.GetValueOrDefault(c))).ToArray());
        }).ToArray();
        return new SeriesView(cover.Interval, EnumLabel.Chinese(cover.Interval), points);
    }

    /// <summary>An enum's codes and Chinese names, looked up once: the tree asks for them for every node, twice.</summary>
    private static class ChineseOf<TEnum> where TEnum : struct, Enum
    {
        public static readonly (TEnum Value, string Code, string Name)[] Values =
            Enum.GetValues<TEnum>().Select(v => (v, EnumLabel.Of(v), EnumLabel.Chinese(v))).ToArray();

        public static readonly Dictionary<string, string> Names = Values.ToDictionary(v => v.Code, v => v.Name);
    }

    private static void Add(Dictionary<string, long> counts, string key, long count) => counts[key] = counts.GetValueOrDefault(key) + count;

    /// <summary>Category, response-level and warning-level names from the subtree's plans (codes are national, names the plans').</summary>
    private static LabelBook Labels(IEnumerable<PlanRow> plans)
    {
        var book = new LabelBook([], [], []);
        foreach (var plan in plans)
        {
            using var json = JsonDocument.Parse(plan.Labels);
            foreach (var (section, target) in new[] { ("category", book.Category), ("level", book.Level), ("warning", book.Warning) })
            {
                foreach (var entry in json.RootElement.GetProperty(section).EnumerateObject())
                {
                    target.TryAdd(entry.Name, entry.Value.GetString() ?? entry.Name);
                }
            }
        }
        return book;
    }

    public sealed record LabelBook(Dictionary<string, string> Category, Dictionary<string, string> Level, Dictionary<string, string> Warning);

    private sealed class ClockTally
    {
        public long Met;
        public long Missed;
        public long Open;
        public readonly MinutesHistogram Late = new();
    }

    private sealed class Tally
    {
        public long Total;
        public long Drills;
        public readonly Dictionary<string, long> Grade = [];
        public readonly Dictionary<string, long> Category = [];
        public readonly Dictionary<string, long> State = [];
        public readonly Dictionary<string, long> Level = [];
        public readonly Dictionary<string, ClockTally> Clocks = [];
        public readonly MinutesHistogram Acknowledgement = new();
        public readonly Dictionary<string, long> WarningLevel = [];
        public long InForce;
        public long DrillsCompleted;
        public long? DrillsRequired;
        public DrillCompliance? Compliance;
        public long Jurisdictions;
        public long Compliant;
        public long NotApplicable;

        public ClockTally Clock(string kind) => Clocks.TryGetValue(kind, out var c) ? c : Clocks[kind] = new ClockTally();

        public void Merge(Tally other)
        {
            Total += other.Total;
            Drills += other.Drills;
            foreach (var (target, source) in new[] { (Grade, other.Grade), (Category, other.Category), (State, other.State), (Level, other.Level), (WarningLevel, other.WarningLevel) })
            {
                foreach (var (key, count) in source)
                {
                    Add(target, key, count);
                }
            }
            foreach (var (kind, clock) in other.Clocks)
            {
                var mine = Clock(kind);
                mine.Met += clock.Met;
                mine.Missed += clock.Missed;
                mine.Open += clock.Open;
                mine.Late.Add(clock.Late);
            }
            Acknowledgement.Add(other.Acknowledgement);
            InForce += other.InForce;
            DrillsCompleted += other.DrillsCompleted;
            if (other.DrillsRequired is { } required)
            {
                DrillsRequired = (DrillsRequired ?? 0) + required;
            }
            // A node's own compliance counts once; a subtree's tallies carry their counts up.
            Jurisdictions += other.Compliance is { } own ? (own.Measured() ? 1 : 0) : other.Jurisdictions;
            Compliant += other.Compliance is { } met ? (met == DrillCompliance.Compliant ? 1 : 0) : other.Compliant;
            NotApplicable += other.Compliance is { } apart ? (apart.Measured() ? 0 : 1) : other.NotApplicable;
        }

        public Figures View(LabelBook labels, int year, bool ownNode) => new(
            new IncidentFigures(Total, Drills,
                Counts(Grade, code => ChineseOf<Grade>.Names.GetValueOrDefault(code, code)),
                Counts(Category, code => labels.Category.GetValueOrDefault(code, code)),
                Counts(State, code => ChineseOf<IncidentState>.Names.GetValueOrDefault(code, code)),
                Counts(Level, code => code.Length == 0 ? "未启动响应" : labels.Level.GetValueOrDefault(code, code))),
            ChineseOf<DeadlineKind>.Values.Select(kind =>
            {
                var c = Clocks.GetValueOrDefault(kind.Code) ?? new ClockTally();
                return new ClockFigures(kind.Value, kind.Name, c.Met, c.Missed, c.Open, c.Late.Percentile(0.5), c.Late.Percentile(0.9));
            }).ToArray(),
            new EscalationFigures(Acknowledgement.Count, Acknowledgement.Percentile(0.5), Acknowledgement.Percentile(0.9)),
            new WarningFigures(Counts(WarningLevel, code => labels.Warning.GetValueOrDefault(code, code)), InForce),
            ownNode
                ? new DrillFigures(year, DrillsRequired, DrillsCompleted, Compliance, Compliance is { } c ? EnumLabel.Chinese(c) : null,
                    Compliance?.Measured() == true ? 1 : 0, Compliance == DrillCompliance.Compliant ? 1 : 0, Compliance?.Measured() == true ? 0 : 1)
                : new DrillFigures(year, DrillsRequired, DrillsCompleted, null, null, Jurisdictions, Compliant, NotApplicable));

        private static CountView[] Counts(Dictionary<string, long> counts, Func<string, string> label) =>
            counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new CountView(c.Key, label(c.Key), c.Value)).ToArray();
    }
}
