using Fenghuo.Contracts.Warnings;
using Fenghuo.Contracts;

namespace Fenghuo.Warnings.Domain;

/// <summary>A warning as stored: what it warns of, at which level of its issuer's plan, and where it stands.</summary>
public sealed record Warning
{
    public Guid Id { get; init; }
    public string TenantCode { get; init; } = "";
    public string TenantPath { get; init; } = "";
    public string Number { get; init; } = "";
    public int PlanVersion { get; init; }
    public string PlanTermsJson { get; init; } = "";
    public string State { get; init; } = "";
    public string Level { get; init; } = "";
    public string Title { get; init; } = "";
    public string Situation { get; init; } = "";
    public string Category { get; init; } = "";
    public string AffectedScope { get; init; } = "";
    public string[] Measures { get; init; } = [];
    public DateTime StartsAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public string Publicity { get; init; } = "";
    public bool Exercise { get; init; }
    public string? ReportedTo { get; init; }
    public DateTime ProposedAt { get; init; }
    public string ProposedBy { get; init; } = "";
    public DateTime? IssuedAt { get; init; }
    public string? IssuedBy { get; init; }
    public DateTime? EndedAt { get; init; }
    public string? EndReason { get; init; }
    public string? RequestHash { get; init; }

    /// <summary>The issuing plan's terms the warning was proposed under.</summary>
    public PlanTerms Terms => PlanTerms.FromJson(PlanTermsJson);

    public WarningState Status => Parse<WarningState>(State);

    public WarningPublicity Visibility => Parse<WarningPublicity>(Publicity);

    public DateTimeOffset Starts => new(DateTime.SpecifyKind(StartsAt, DateTimeKind.Utc));

    public DateTimeOffset Expires => new(DateTime.SpecifyKind(ExpiresAt, DateTimeKind.Utc));

    private static T Parse<T>(string label) where T : struct, Enum =>
        EnumLabel.TryParse<T>(label, out var value) ? value : throw new InvalidOperationException($"Unknown {typeof(T).Name} '{label}'");
}
