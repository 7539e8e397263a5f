namespace Fenghuo.Contracts.Tenancy;

/// <summary>
/// A tenant as every service keeps it in its local directory. <see cref="Revision"/> only
/// grows, so a consumer that sees an older state after a newer one keeps the newer.
/// </summary>
/// <param name="Path">ltree ancestry path, root first (shanxi.jincheng.yangcheng).</param>
/// <param name="DivisionCode">GB/T 2260 administrative division code, when the tenant has one.</param>
public sealed record JurisdictionState(
    string Code,
    string Name,
    JurisdictionKind Kind,
    string? ParentCode,
    string Path,
    JurisdictionStatus Status,
    string? DivisionCode,
    long Revision);
