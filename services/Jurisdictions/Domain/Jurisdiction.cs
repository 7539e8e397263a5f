using Fenghuo.Contracts.Tenancy;

namespace Fenghuo.Jurisdictions.Domain;

/// <summary>辖区 — a tenant: a province, city, county, district, bureau, zone, township or street with one parent command.</summary>
public sealed record Jurisdiction(
    string Code,
    string Name,
    JurisdictionKind Kind,
    string? ParentCode,
    string Path,
    JurisdictionStatus Status,
    string? DivisionCode,
    string? DutyPhone,
    long Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public JurisdictionState ToState() => new(Code, Name, Kind, ParentCode, Path, Status, DivisionCode, Revision);
}
