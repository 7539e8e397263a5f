namespace Fenghuo.Warnings;

/// <summary>
/// The "Warnings" configuration section:
/// <code>{ "Warnings": { "ExpiryScanMilliseconds": 500 } }</code>
/// </summary>
public sealed class WarningsOptions
{
    public const string Section = "Warnings";

    /// <summary>How often the expiry scheduler looks at the clock; a warning is marked expired at most this late.</summary>
    public int ExpiryScanMilliseconds { get; set; } = 500;
}
