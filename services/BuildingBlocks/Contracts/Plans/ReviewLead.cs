namespace Fenghuo.Contracts.Plans;

/// <summary>Who leads the after-action review (总结评估) of an event of a given grade.</summary>
public enum ReviewLead
{
    /// <summary>The tenant's own command, its office or its government.</summary>
    Command,

    /// <summary>The locality or department where the event happened.</summary>
    AffectedUnit,

    /// <summary>The superior command leads; this command assists.</summary>
    Superior,
}
