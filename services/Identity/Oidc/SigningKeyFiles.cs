using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// The realm's RSA signing keys, read from PEM files (PKCS#8) in a directory outside the database —
/// a mounted secret, a key vault's file sync. The file whose name sorts last signs; every file's key
/// is published at /certs and accepted, so rotating is: add a newer file, restart, and remove the
/// old one once the tokens it signed have expired. In Development an empty or missing directory
/// gets a generated key.
/// </summary>
public static class SigningKeyFiles
{
    public const string Setting = "Fenghuo:SigningKeys:Directory";

    public static string DevelopmentDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "fenghuo", "signing-keys");

    /// <summary>The keys, the signing one first.</summary>
    /// <exception cref="InvalidOperationException">No key outside Development, or a file that is not an RSA private key.</exception>
    public static IReadOnlyList<RsaSecurityKey> Load(string directory, bool mayGenerate)
    {
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.pem").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
        {
            if (!mayGenerate)
            {
                throw new InvalidOperationException($"No signing key (*.pem) in {directory} ({Setting}).");
            }
            Directory.CreateDirectory(directory);
            using var rsa = RSA.Create(2048);
            var file = Path.Combine(directory, $"{DateTimeOffset.UtcNow:yyyyMMddHHmmss}.pem");
            File.WriteAllText(file, rsa.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            files.Add(file);
        }
        return [.. files.AsEnumerable().Reverse().Select(Read)];
    }

    private static RsaSecurityKey Read(string file)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(file));
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{file} is not a PEM RSA private key.", e);
        }
        // Keycloak's kids are opaque; a thumbprint of the public key makes ours stable and unique.
        return new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo())) };
    }
}
