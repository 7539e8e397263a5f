namespace Fenghuo.Warnings.Domain;

/// <summary>
/// The lifecycle: proposed → in force → adjusted (raised or lowered, any number of times) →
/// lifted by its issuer, or expired at its expiry without anyone acting.
/// </summary>
public enum WarningState
{
    Proposed,
    InForce,
    Adjusted,
    Lifted,
    Expired,
}

public static class WarningStates
{
    /// <summary>In force, whether or not its level was adjusted since issue.</summary>
    public static bool IsInForce(this WarningState state) => state is WarningState.InForce or WarningState.Adjusted;

    public static string Chinese(this WarningState state) => state switch
    {
        WarningState.Proposed => "待发布",
        WarningState.InForce => "生效中",
        WarningState.Adjusted => "已调整（生效中）",
        WarningState.Lifted => "已解除",
        WarningState.Expired => "已到期",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}
