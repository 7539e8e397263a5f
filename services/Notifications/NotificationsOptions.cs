using Fenghuo.Notifications.Recipients;

namespace Fenghuo.Notifications;

/// <summary>The "Notifications" configuration section.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Where users and their roles come from.</summary>
    public IdentityOptions Identity { get; set; } = new();

    /// <summary>Seconds between heartbeats on an open stream, so proxies keep it open and a dead client is noticed.</summary>
    public int StreamHeartbeatSeconds { get; set; } = 15;
}
