using System.Security.Cryptography;

namespace Fenghuo.Notifications.Webhooks;

/// <summary>A signing secret as the Standard Webhooks spec writes it: whsec_ and 32 random bytes in base64.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
