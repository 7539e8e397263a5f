using System.Security.Cryptography;
using System.Text;

namespace Fenghuo.Identity.Domain;

/// <summary>
/// Client secrets are stored as SHA-256: they are long random strings, not memorable passwords,
/// so a slow password hash would only make every client-credentials call expensive.
/// </summary>
public static class ClientSecret
{
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string? storedHash, string? presented) =>
        storedHash is not null && presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(presented)));
}
