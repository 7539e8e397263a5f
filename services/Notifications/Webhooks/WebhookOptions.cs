namespace Fenghuo.Notifications.Webhooks;

/// <summary>"Notifications:Webhooks": where webhooks may point and how long a failing one is retried.</summary>
public sealed class WebhookOptions
{
    /// <summary>Development only: targets on this machine (127.0.0.1, ::1, localhost) are accepted. ./build.sh run sets it.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Targets in private, link-local and other non-public ranges are accepted (an intranet deployment that means it).</summary>
    public bool AllowPrivateNetworks { get; set; }

    private static readonly TimeSpan[] DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>
    /// The waits after each failed attempt ("00:00:05", …); the message is given up, and its webhook
    /// disabled, after the last. Empty means the default, which spans more than 24 hours:
    /// 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. (Configuration appends to an array it binds, so the default is not the initial value.)
    /// </summary>
    public TimeSpan[] RetrySchedule { get; set; } = [];

    public IReadOnlyList<TimeSpan> Retries => RetrySchedule.Length > 0 ? RetrySchedule : DefaultRetrySchedule;

    /// <summary>How often the sender looks for due messages (500).</summary>
    public int ScanMilliseconds { get; set; } = 500;

    /// <summary>How long one attempt may take (10).</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
