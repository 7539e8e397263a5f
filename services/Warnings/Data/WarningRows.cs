namespace Fenghuo.Warnings.Data;

/// <summary>One act of a warning's history; <see cref="CapIdentifier"/> is set when the act published a CAP message.</summary>
public sealed record HistoryRow
{
    public Guid WarningId { get; init; }
    public DateTime At { get; init; }
    public string Act { get; init; } = "";
    public string Actor { get; init; } = "";
    public string ActorTenant { get; init; } = "";
    public string Level { get; init; } = "";
    public string Summary { get; init; } = "";
    public string? Reason { get; init; }
    public string? CapIdentifier { get; init; }
    public string? CapMessageType { get; init; }
}

/// <summary>A receiving tenant's receipt; unsigned while <see cref="AcknowledgedAt"/> is null.</summary>
public sealed record ReceiptRow
{
    public Guid WarningId { get; init; }
    public string TenantCode { get; init; } = "";
    public string TenantName { get; init; } = "";
    public DateTime? AcknowledgedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
}

/// <summary>A warning with everything recorded about it that the caller may see.</summary>
public sealed record WarningRecord(Domain.Warning Warning, IReadOnlyList<HistoryRow> History, IReadOnlyList<ReceiptRow> Receipts);

/// <summary>A line of a listing: the warning, how it relates to the caller, and its receipts in brief.</summary>
public sealed record ListedWarning(Domain.Warning Warning, string Direction, int Receipts, int Acknowledged, bool? OwnAcknowledged);
