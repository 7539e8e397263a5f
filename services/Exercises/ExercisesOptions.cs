namespace Fenghuo.Exercises;

/// <summary>
/// The "Exercises" configuration section:
/// <code>{ "Exercises": { "InjectScanMilliseconds": 500, "ObligationScanMilliseconds": 3600000, "ObligationLeadDays": 60 } }</code>
/// </summary>
public sealed class ExercisesOptions
{
    public const string Section = "Exercises";

    /// <summary>How often the inject scheduler looks at the clock; an inject is delivered at most this late.</summary>
    public int InjectScanMilliseconds { get; set; } = 500;

    /// <summary>How often the obligation scheduler looks for tenants whose yearly drills are still owed.</summary>
    public int ObligationScanMilliseconds { get; set; } = 3_600_000;

    /// <summary>How long before the year's end a tenant whose yearly minimum is unmet is warned.</summary>
    public int ObligationLeadDays { get; set; } = 60;
}
