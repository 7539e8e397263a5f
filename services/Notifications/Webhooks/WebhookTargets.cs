using System.Net;
using System.Net.Sockets;

namespace Fenghuo.Notifications.Webhooks;

/// <summary>
/// Which URLs a webhook may point at (SSRF): http or https, no credentials in the URL, and every
/// address the host resolves to public — loopback and private ranges only when a setting allows
/// them. Checked when a webhook is registered and again on every connection (<see cref="ConnectAsync"/>),
/// so a name that later resolves inside the network reaches nothing there.
/// </summary>
public sealed class WebhookTargets(WebhookOptions options)
{
    /// <summary>Why the URL is refused (Chinese, English), or null when it may be used.</summary>
    public async Task<(string Zh, string En)?> RefusalAsync(Uri url, CancellationToken ct)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            return ("只允许 http 或 https 地址", "only http and https URLs are allowed");
        }
        if (url.UserInfo.Length > 0)
        {
            return ("地址中不得包含用户名或密码", "the URL must not carry credentials");
        }
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.DnsSafeHost, ct);
        }
        catch (SocketException)
        {
            return ("无法解析该地址的主机名", "the URL's host name does not resolve");
        }
        return addresses.FirstOrDefault(a => !Allowed(a)) is { } refused
            ? ($"地址 {refused} 属于本机或内部网络，不允许作为回调目标", $"{refused} is a loopback or internal address, not allowed as a webhook target")
            : null;
    }

    /// <summary>The HTTP client's connect step: connects only to an allowed address of the host.</summary>
    public async ValueTask<System.IO.Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = (await ResolveAsync(context.DnsEndPoint.Host, ct)).Where(Allowed).ToArray();
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to no address a webhook may reach");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

    public bool Allowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address))
        {
            return options.AllowLoopback;
        }
        return !Internal(address) || options.AllowPrivateNetworks;
    }

    private static bool Internal(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast
                || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any);
        }
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] is >= 64 and <= 127, // carrier-grade NAT
            169 => b[1] == 254, // link-local, cloud metadata
            172 => b[1] is >= 16 and <= 31,
            192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99),
            198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
            203 => b[1] == 0 && b[2] == 113,
            >= 224 => true, // multicast, reserved, broadcast
            _ => false,
        };
    }
}
