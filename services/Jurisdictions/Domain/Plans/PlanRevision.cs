namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>预案修订: when the next revision (or, for 002, the next evaluation) falls due.</summary>
public static class PlanRevision
{
    /// <summary>
    /// Issue date plus the cycle; an undated plan counts from its effective date, then from the
    /// day it was published on the platform. Null for plans revised "as needed".
    /// </summary>
    public static DateOnly? NextRevisionDue(this PlanIdentity identity, DateOnly? publishedOn = null)
    {
        var from = identity.IssuedOn ?? identity.EffectiveFrom ?? publishedOn;
        return identity.RevisionCycleYears is { } years && from is { } start ? start.AddYears(years) : null;
    }
}
