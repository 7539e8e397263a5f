using Fenghuo.Contracts.Warnings;
using Fenghuo.Contracts;

namespace Fenghuo.Warnings.Domain.Cap;

/// <summary>The issuing jurisdiction as a CAP message names it.</summary>
public sealed record CapIssuer(string Code, string Name, string? DivisionCode);

/// <summary>
/// A warning as CAP 1.2: its latest message (Alert when issued, Update after each adjustment,
/// Cancel once lifted) referencing every earlier one, with the level's severity under its plan.
/// </summary>
public static class WarningCap
{
    /// <summary>The sender every message of a tenant's warnings carries; CAP forbids spaces and commas in it.</summary>
    public static string Sender(string tenantCode) => $"{tenantCode}@fenghuo";

    /// <param name="published">The CAP messages the warning published, oldest first; the last is the one built.</param>
    public static CapAlert Latest(Warning warning, CapIssuer issuer, IReadOnlyList<CapPublication> published)
    {
        var latest = published[^1];
        var plan = warning.Terms;
        var scheme = plan.Scheme;
        var level = scheme.Find(warning.Level) ?? throw new InvalidOperationException($"Level {warning.Level} of {warning.Number} is not in plan v{warning.PlanVersion}");
        var cancelled = latest.MessageType == CapMessageType.Cancel;
        var measures = scheme.PlanMeasures(level).Concat(warning.Measures).Select((m, i) => $"{i + 1}. {m}");
        var response = plan.RecommendedResponse(level);
        var parameters = new List<(string, string)> { ("预警级别", $"{level.Code} {level.Name}"), ("预警编号", warning.Number) };
        if (response is not null)
        {
            parameters.Add(("建议响应级别", $"{response.Code} {response.Name}"));
        }
        return new CapAlert(
            latest.Identifier,
            Sender(issuer.Code),
            latest.Sent,
            warning.Exercise,
            latest.MessageType,
            warning.Visibility,
            Restriction(warning.Visibility, issuer.Name),
            published.Take(published.Count - 1).ToList(),
            warning.Number,
            new CapInfo(
                Event: $"{plan.CategoryName(warning.Category)}{level.Name}",
                ResponseType: cancelled ? "AllClear" : "Prepare",
                Urgency: cancelled ? "Past" : "Expected",
                Severity: WarningSeverity.Of(scheme, level),
                Certainty: cancelled ? "Unlikely" : "Likely",
                EventCode: (EnumLabel.Of(plan.Standard), warning.Category),
                Effective: warning.Starts,
                Expires: warning.Expires,
                SenderName: issuer.Name,
                Headline: cancelled ? $"【解除】{warning.Title}" : warning.Title,
                Description: cancelled ? $"{warning.Situation}\n预警已解除：{warning.EndReason}" : warning.Situation,
                Instruction: cancelled ? "预警已解除，适时终止预警期间采取的措施。" : string.Join("\n", measures),
                Parameters: parameters,
                AreaDesc: $"{issuer.Name}：{warning.AffectedScope}",
                Geocode: issuer.DivisionCode));
    }

    private static string? Restriction(WarningPublicity publicity, string issuerName) => publicity switch
    {
        WarningPublicity.Internal => $"内部预警：仅限{issuerName}及所辖单位、上级指挥机构知悉，不得向社会公开（internal: the issuing command, its subtree and its parent only）",
        WarningPublicity.Confidential => "涉密预警：按保密要求限定知悉范围，不得公开或转发（confidential: need-to-know under the plan's secrecy requirements）",
        _ => null,
    };
}
