using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>A token with every claim a real one has, signed by a key the realm never issued.</summary>
public static class ForgedToken
{
    public static string For(Uri gateway, string username, string tenant, params string[] roles)
    {
        using var rsa = RSA.Create(2048);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new { alg = "RS256", typ = "JWT", kid = "forged" };
        var payload = new Dictionary<string, object>
        {
            ["iss"] = new Uri(gateway, "realms/fenghuo").ToString(),
            ["sub"] = Guid.NewGuid().ToString(),
            ["aud"] = "fenghuo-api",
            ["azp"] = "fenghuo-cli",
            ["preferred_username"] = username,
            ["tenant"] = tenant,
            ["realm_access"] = new { roles },
            ["iat"] = now,
            ["exp"] = now + 600,
        };
        var signingInput = $"{Encode(JsonSerializer.SerializeToUtf8Bytes(header))}.{Encode(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Encode(signature)}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
