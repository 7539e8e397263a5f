namespace Fenghuo.Contracts.Tenancy;

/// <summary>行政区划或机构类别 — what kind of jurisdiction a tenant is.</summary>
public enum JurisdictionKind
{
    Province,
    City,
    County,
    District,
    Bureau,
    DevelopmentZone,
    Township,
    Street,
}
