using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Warnings.Data;
using Fenghuo.Warnings.Domain;

namespace Fenghuo.Warnings.Apis;

public sealed record CodeName(string Code, string Name);

/// <summary>One level of the caller's scheme, with what issuing it means under the plan.</summary>
public sealed record LevelView(string Code, string Name, WarningColour? Colour, IReadOnlyList<Grade> Grades, CapSeverity Severity,
    CodeName? RecommendedResponseLevel, string Situation, IReadOnlyList<string> Measures, string Source);

/// <summary>The caller's warning scheme: levels highest first, the common measures and who issues and lifts.</summary>
public sealed record SchemeView(int PlanVersion, IReadOnlyList<LevelView> Levels, IReadOnlyList<string> CommonMeasures,
    string ProposedBy, string ApprovedBy, IReadOnlyList<string> ApproverRoles, bool IssuerLifts, string LiftProcedure,
    IReadOnlyList<string> ReportTo, string Source);

public sealed record HistoryView(DateTimeOffset At, string Act, string Actor, string ActorTenant, string Level, string Summary, string? CapIdentifier);

public sealed record ReceiptView(string Tenant, string TenantName, bool Acknowledged, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy);

/// <summary>How a warning relates to the caller: issued by its tenant, received from above, or reported to it from below.</summary>
public enum WarningDirection
{
    Issued,
    Received,
    Reported,
}

/// <summary>A warning with its level under the issuing plan, its measures, its history and the receipts the caller may see.</summary>
public sealed record WarningView(
    Guid Id, string Number, string Tenant, string IssuingBody, WarningDirection Direction, WarningState State,
    CodeName Level, WarningColour? Colour, CapSeverity Severity, CodeName? RecommendedResponseLevel,
    string Title, string Situation, CodeName Category, string AffectedScope,
    IReadOnlyList<string> PlanMeasures, IReadOnlyList<string> Measures,
    DateTimeOffset StartsAt, DateTimeOffset ExpiresAt, WarningPublicity Publicity, bool Exercise, string? ReportedTo,
    int PlanVersion, DateTimeOffset ProposedAt, string ProposedBy, DateTimeOffset? IssuedAt, string? IssuedBy,
    DateTimeOffset? EndedAt, string? EndReason,
    IReadOnlyList<HistoryView> History, IReadOnlyList<ReceiptView> Receipts);

/// <summary>A line of the listing. Receipts are counted for the issuer; a receiver sees whether it signed.</summary>
public sealed record WarningListItem(
    Guid Id, string Number, string Tenant, string IssuingBody, WarningDirection Direction, WarningState State, CodeName Level,
    WarningColour? Colour, string Title, string Category, DateTimeOffset StartsAt, DateTimeOffset ExpiresAt,
    WarningPublicity Publicity, bool Exercise, int? Receipts, int? Acknowledged, bool? AcknowledgedByCaller);

public static class WarningViews
{
    public static SchemeView Scheme(int version, PlanRules plan)
    {
        var terms = PlanTerms.Of(version, plan);
        var scheme = plan.WarningScheme;
        var issuance = scheme.Issuance;
        return new SchemeView(version,
            scheme.Levels.Select(l => new LevelView(l.Code, l.Name, l.Colour, l.Grades, WarningSeverity.Of(scheme, l),
                Named(terms.RecommendedResponse(l)), l.Situation, scheme.PlanMeasures(l), l.Source)).ToList(),
            scheme.CommonMeasures, issuance.ProposedBy, issuance.ApprovedBy, issuance.ApproverRoles, issuance.IssuerLifts,
            issuance.LiftProcedure, issuance.ReportTo, scheme.Source);
    }

    public static WarningView Of(WarningRecord record, string callerTenant, string issuingBody)
    {
        var w = record.Warning;
        var terms = w.Terms;
        var level = terms.Scheme.Find(w.Level)!;
        return new WarningView(
            w.Id, w.Number, w.TenantCode, issuingBody, DirectionOf(w, callerTenant), w.Status,
            new CodeName(level.Code, level.Name), level.Colour, WarningSeverity.Of(terms.Scheme, level), Named(terms.RecommendedResponse(level)),
            w.Title, w.Situation, new CodeName(w.Category, terms.CategoryName(w.Category)), w.AffectedScope,
            terms.Scheme.PlanMeasures(level), w.Measures,
            w.Starts, w.Expires, w.Visibility, w.Exercise, w.ReportedTo,
            w.PlanVersion, Utc(w.ProposedAt), w.ProposedBy, Utc(w.IssuedAt), w.IssuedBy, Utc(w.EndedAt), w.EndReason,
            record.History.Select(h => new HistoryView(Utc(h.At), h.Act, h.Actor, h.ActorTenant, h.Level, h.Summary, h.CapIdentifier)).ToList(),
            record.Receipts.Select(r => new ReceiptView(r.TenantCode, r.TenantName, r.AcknowledgedAt is not null, Utc(r.AcknowledgedAt), r.AcknowledgedBy)).ToList());
    }

    public static WarningListItem ListItem(ListedWarning listed, string issuingBody)
    {
        var w = listed.Warning;
        var level = w.Terms.Scheme.Find(w.Level)!;
        var issued = listed.Direction == "issued";
        return new WarningListItem(
            w.Id, w.Number, w.TenantCode, issuingBody, Enum.Parse<WarningDirection>(listed.Direction, ignoreCase: true), w.Status,
            new CodeName(level.Code, level.Name), level.Colour, w.Title, w.Category, w.Starts, w.Expires, w.Visibility, w.Exercise,
            issued ? listed.Receipts : null, issued ? listed.Acknowledged : null, listed.OwnAcknowledged);
    }

    public static WarningDirection DirectionOf(Warning warning, string callerTenant) =>
        warning.TenantCode == callerTenant ? WarningDirection.Issued
        : warning.ReportedTo == callerTenant ? WarningDirection.Reported
        : WarningDirection.Received;

    private static CodeName? Named(NamedCode? code) => code is null ? null : new CodeName(code.Code, code.Name);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
