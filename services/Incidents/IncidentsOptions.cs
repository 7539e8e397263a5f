namespace Fenghuo.Incidents;

/// <summary>The "Incidents" configuration section: platform defaults that plans may override.</summary>
public sealed class IncidentsOptions
{
    public const string Section = "Incidents";

    /// <summary>Minutes to answer a superior's inquiry where the answering tenant's plan is silent.</summary>
    public int InquiryAnswerDefaultMinutes { get; set; } = 60;

    /// <summary>How long before a deadline DeadlineApproaching goes out.</summary>
    public int DeadlineApproachingLeadMinutes { get; set; } = 10;

    /// <summary>How often the deadline scheduler looks at the clock; a miss is marked at most this late.</summary>
    public int DeadlineScanMilliseconds { get; set; } = 500;
}
