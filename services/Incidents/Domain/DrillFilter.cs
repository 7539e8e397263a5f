namespace Fenghuo.Incidents.Domain;

/// <summary>Whether a listing shows drill incidents (演练): left out by default, so real figures stay real.</summary>
public enum DrillFilter
{
    Exclude,
    Include,
    Only,
}
