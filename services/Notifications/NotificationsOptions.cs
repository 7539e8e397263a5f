using Fenghuo.Notifications.Mail;
using Fenghuo.Notifications.Recipients;
using Fenghuo.Notifications.Webhooks;

namespace Fenghuo.Notifications;

/// <summary>The "Notifications" configuration section.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Where users and their roles come from.</summary>
    public IdentityOptions Identity { get; set; } = new();

    /// <summary>The SMTP server notifications are e-mailed through; none, no e-mail.</summary>
    public MailOptions Mail { get; set; } = new();

    /// <summary>Where webhooks may point and how long failing ones are retried.</summary>
    public WebhookOptions Webhooks { get; set; } = new();

    /// <summary>Minutes an item requiring acknowledgement waits for one before it goes to the next role up (5).</summary>
    public double AcknowledgementWindowMinutes { get; set; } = 5;

    /// <summary>How often the acknowledgement scheduler looks at the clock (500).</summary>
    public int AcknowledgementScanMilliseconds { get; set; } = 500;

    public TimeSpan AcknowledgementWindow => TimeSpan.FromMinutes(AcknowledgementWindowMinutes);

    /// <summary>Seconds between heartbeats on an open stream, so proxies keep it open and a dead client is noticed.</summary>
    public int StreamHeartbeatSeconds { get; set; } = 15;
}
