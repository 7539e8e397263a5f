namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>draft → published (immutable, in force from its effective date) → superseded by a later published version.</summary>
public enum PlanStatus
{
    Draft,
    Published,
    Superseded,
}
