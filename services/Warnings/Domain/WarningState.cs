using Fenghuo.Contracts;

namespace Fenghuo.Warnings.Domain;

/// <summary>
/// The lifecycle: proposed → in force → adjusted (raised or lowered, any number of times) →
/// lifted by its issuer, or expired at its expiry without anyone acting.
/// </summary>
public enum WarningState
{
    [Chinese("待发布")]
    Proposed,
    [Chinese("生效中")]
    InForce,
    [Chinese("已调整（生效中）")]
    Adjusted,
    [Chinese("已解除")]
    Lifted,
    [Chinese("已到期")]
    Expired,
}

public static class WarningStates
{
    /// <summary>In force, whether or not its level was adjusted since issue.</summary>
    public static bool IsInForce(this WarningState state) => state is WarningState.InForce or WarningState.Adjusted;
}
