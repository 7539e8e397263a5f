using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Domain;

namespace Fenghuo.Incidents.Data;

/// <summary>An incident with its clocks, the newest page of its timeline, its escalations and inquiries.</summary>
public sealed record IncidentRecord(
    Incident Incident,
    IReadOnlyList<DeadlineRow> Deadlines,
    TimelinePage Timeline,
    IReadOnlyList<EscalationRow> Escalations,
    IReadOnlyList<InquiryRow> Inquiries);

/// <summary>
/// A run of an incident's timeline, oldest first, ending just before where it was asked to (or at the newest entry);
/// <see cref="Before"/> is the entry number to page on from when older entries remain, and <see cref="Total"/> how many the whole record holds.
/// </summary>
public sealed record TimelinePage(IReadOnlyList<TimelineRow> Entries, int Total, int? Before)
{
    public bool HasMore => Before is not null;

    /// <summary>The page from up to <paramref name="size"/> + 1 rows read newest first: the extra row only says that more remain.</summary>
    public static TimelinePage FromNewestFirst(IReadOnlyList<TimelineRow> rows, int size, int total)
    {
        var entries = rows.Take(size).Reverse().ToList();
        return new TimelinePage(entries, total, rows.Count > size ? entries[0].Seq : null);
    }
}

/// <summary>
/// What an act's answer knows of the record without reading it: how many entries it held when the act took the
/// incident's lock, the entries the act has written since (numbered on from there), and the newest entry the caller
/// said it has already (<see cref="Seen"/>). The answer carries the entries after that, at most a page; only those of
/// them recorded before the act are read.
/// </summary>
public sealed record AnswerPage(int Recorded, IReadOnlyList<TimelineRow> Written, int? Seen)
{
    public int Total => Recorded + Written.Count;

    /// <summary>The answer's entries are those numbered above this: older ones are beyond its page, or the caller has them.</summary>
    public int Below => Math.Max(Total - IncidentStore.NewestPageSize, Math.Min(Seen ?? 0, Total));

    /// <summary>Whether any entry the answer carries was recorded before the act, and so must be read.</summary>
    public bool ReadsRecorded => Below < Recorded;

    /// <param name="recorded">Those entries, newest first.</param>
    public TimelinePage Page(IReadOnlyList<TimelineRow> recorded) =>
        new([.. recorded.Reverse(), .. Written.Where(e => e.Seq > Below)], Total, Below > 0 ? Below + 1 : null);
}

/// <summary>The escalation side of an incident in a command's inbox.</summary>
public sealed class EscalationSummary
{
    public DateTimeOffset LastEscalatedAt { get; init; }
    public bool Acknowledged { get; init; }
    public string FromTenant { get; init; } = "";

    /// <summary>How many entries the incident's whole record holds.</summary>
    public int TimelineEntries { get; init; }
}

/// <summary>
/// An incident in a command's inbox: the newest page of its record, and the escalations addressed to that
/// command (kind, reason, who and when), never those to others.
/// </summary>
public sealed record EscalatedIncident(Incident Incident, EscalationSummary Escalation, TimelinePage Timeline, IReadOnlyList<EscalationRow> Escalations);

/// <summary>GET /api/incidents filters; null means any. Drills are left out unless asked for.</summary>
public sealed record IncidentFilter(IncidentState? State, Grade? Grade, string? Category, DateTimeOffset? From, DateTimeOffset? To, int Limit,
    DrillFilter Drills = DrillFilter.Exclude);
