namespace Fenghuo.Warnings.Domain;

/// <summary>Human numbers per tenant and year: 晋城预警-2026-0003.</summary>
public static class WarningNumber
{
    private static readonly string[] AdministrativeSuffixes = ["省", "市", "县"];

    /// <summary>
    /// The jurisdiction's short name and 预警: 晋城市 → 晋城预警. Names ending in 区 or naming a
    /// bureau or zone stay whole (城区 would become 城).
    /// </summary>
    public static string Prefix(string jurisdictionName)
    {
        var suffix = AdministrativeSuffixes.FirstOrDefault(jurisdictionName.EndsWith);
        var shortName = suffix is not null && jurisdictionName.Length > 2 ? jurisdictionName[..^suffix.Length] : jurisdictionName;
        return shortName + "预警";
    }
}
