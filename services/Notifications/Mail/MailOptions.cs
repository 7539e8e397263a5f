using MailKit.Security;

namespace Fenghuo.Notifications.Mail;

/// <summary>
/// "Notifications:Mail": the SMTP server notifications are mailed through. Without a host no
/// e-mail is written or sent (the inbox and webhooks still work).
/// </summary>
public sealed class MailOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    /// <summary>MailKit's choice: Auto uses TLS on 465 and STARTTLS when the server offers it.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "烽火应急平台 <noreply@fenghuo.local>";

    /// <summary>How often the sender looks for due mail (1000).</summary>
    public int ScanMilliseconds { get; set; } = 1000;

    /// <summary>The longest wait between two attempts at one e-mail while the server is down (15 minutes).</summary>
    public double MaxRetryMinutes { get; set; } = 15;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Waits double from 5 s with every failed attempt, up to <see cref="MaxRetryMinutes"/>: an outage delays, never drops.</summary>
    public TimeSpan RetryAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(5 * Math.Pow(2, Math.Min(attempts - 1, 20)), MaxRetryMinutes * 60));
}
