namespace Fenghuo.Exercises.Domain;

/// <summary>Which tenant may do an act on an exercise.</summary>
public enum ActingTenant
{
    /// <summary>The organising tenant alone: not its ancestors, who only watch.</summary>
    Organiser,

    /// <summary>The participant an inject was addressed to.</summary>
    Target,
}
