namespace Fenghuo.Summaries.Data;

/// <summary>A jurisdiction of the subtree as the read model knows it.</summary>
public sealed record TenantRow(string Code, string Path, string Name, string Kind, string? ParentCode);

/// <summary>One tenant's incidents reported in one China day or month (a tally): counts and acknowledgement minutes as jsonb maps.</summary>
public sealed record IncidentTallyRow(string TenantCode, DateOnly Bucket, long Real, long Drills, string Counts, string AckMinutes);

/// <summary>One tenant's met clocks of a kind due in one China day or month (a tally): met in time, and missed by minutes late as a jsonb map.</summary>
public sealed record ClockTallyRow(string TenantCode, string Kind, long Met, string LateMinutes);

/// <summary>How many incidents of one tenant reported on one China day share a grade, category, state and level.</summary>
public sealed record IncidentCountRow(string TenantCode, DateOnly Day, bool Exercise, string? Grade, string? Category, string State, string? ResponseLevel, long Count);

/// <summary>How many of one tenant's clocks of a kind stand one way, and by how many minutes late.</summary>
public sealed record ClockCountRow(string TenantCode, string Kind, string Standing, long MinutesLate, long Count);

/// <summary>One of the latest clocks.</summary>
public sealed record LateClockRow
{
    public string Number { get; init; } = "";
    public string TenantCode { get; init; } = "";
    public string Kind { get; init; } = "";
    public DateTimeOffset DueAt { get; init; }
    public DateTimeOffset? MetAt { get; init; }
    public long MinutesLate { get; init; }
}

/// <summary>How many of one tenant's incidents the parent acknowledged after so many minutes.</summary>
public sealed record AcknowledgementRow(string TenantCode, long Minutes, long Count);

/// <summary>How many warnings one tenant issued at a level, and how many of them are in force now.</summary>
public sealed record WarningCountRow(string TenantCode, string? Level, string? LevelName, long Issued, long InForce);

/// <summary>One tenant's plan in force as published, and its drills completed in the year.</summary>
public sealed record PlanRow
{
    public string TenantCode { get; init; } = "";
    public int Version { get; init; }
    public string EffectiveFrom { get; init; } = "";
    public DateTimeOffset PublishedAt { get; init; }
    public int? MinimumDrillsPerYear { get; init; }
    public string Labels { get; init; } = "";
}

public sealed record DrillCountRow(string TenantCode, long Completed);

/// <summary>Everything the overview reads for one subtree and period, in one transaction.</summary>
public sealed record OverviewRows(
    IReadOnlyList<TenantRow> Tenants,
    IReadOnlyList<IncidentTallyRow> IncidentTallies,
    IReadOnlyList<IncidentCountRow> Incidents,
    IReadOnlyList<AcknowledgementRow> Acknowledgements,
    IReadOnlyList<ClockTallyRow> ClockTallies,
    IReadOnlyList<ClockCountRow> Clocks,
    IReadOnlyList<LateClockRow> Latest,
    IReadOnlyList<WarningCountRow> Warnings,
    IReadOnlyList<PlanRow> Plans,
    IReadOnlyList<DrillCountRow> Drills);
