using System.Net;

namespace Fenghuo.Identity.Login;

/// <summary>
/// Where a password attempt comes from, for throttling per user and source. Behind the gateway the
/// TCP peer is the gateway, which sets X-Forwarded-For to the client it saw; the header is believed
/// only from a loopback or private peer (Keycloak's notion of "external" the same way round), the
/// right-most value being the one the nearest proxy wrote.
/// </summary>
public static class LoginSource
{
    public static string Of(HttpContext http)
    {
        var peer = http.Connection.RemoteIpAddress;
        if ((peer is null || IsInternal(peer))
            && http.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is [.., var last]
            && IPAddress.TryParse(last, out var forwarded))
        {
            return Normalise(forwarded);
        }
        return peer is null ? string.Empty : Normalise(peer);
    }

    private static string Normalise(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private static bool IsInternal(IPAddress address)
    {
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (IPAddress.IsLoopback(a))
        {
            return true;
        }
        if (a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return a.IsIPv6UniqueLocal || a.IsIPv6LinkLocal;
        }
        var b = a.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168);
    }
}
