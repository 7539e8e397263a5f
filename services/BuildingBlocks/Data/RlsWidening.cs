namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// The few places where row-level security lets a transaction see past the caller's own rows,
/// each a setting its tables' policies name. Only <see cref="TenantDatabase.WidenedAsync{T}"/>
/// turns one on, and only for the statements it wraps.
/// </summary>
public sealed record RlsWidening(string Setting)
{
    /// <summary>fenghuo.clock: the deadline scheduler finds due clocks of every tenant, then acts on each in its owner's scope.</summary>
    public static RlsWidening Clock { get; } = new("fenghuo.clock");

    /// <summary>fenghuo.tally: counts over the caller's subtree — numbers, never contents.</summary>
    public static RlsWidening Tally { get; } = new("fenghuo.tally");
}
