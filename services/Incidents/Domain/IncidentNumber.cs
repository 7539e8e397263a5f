namespace Fenghuo.Incidents.Domain;

/// <summary>Human numbers per tenant and year: 阳城-2026-0007.</summary>
public static class IncidentNumber
{
    private static readonly string[] AdministrativeSuffixes = ["省", "市", "县"];

    /// <summary>
    /// The jurisdiction's short name: 阳城县 → 阳城, 晋城市 → 晋城. Names ending in 区 or naming a
    /// bureau or zone stay whole (城区 would become 城).
    /// </summary>
    /// <remarks>
    /// Compared ordinally: the culture-aware EndsWith went through ICU's collation on every report, a
    /// measurable share of the intake's CPU, for characters that have no other form to match.
    /// </remarks>
    public static string Prefix(string jurisdictionName)
    {
        var suffix = AdministrativeSuffixes.FirstOrDefault(s => jurisdictionName.EndsWith(s, StringComparison.Ordinal));
        return suffix is not null && jurisdictionName.Length > 2 ? jurisdictionName[..^suffix.Length] : jurisdictionName;
    }
}
