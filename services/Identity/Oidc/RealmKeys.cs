using System.Security.Cryptography;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Data;
using Microsoft.IdentityModel.Tokens;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// The realm's signing key (RSA, RS256, published at /certs) and the key OpenIddict encrypts
/// authorization codes and refresh tokens with (AES-256). Generated on the first start and kept
/// in the database, so tokens outlive restarts and every replica signs and reads alike.
/// </summary>
public sealed class RealmKeys(TenantDatabase database, RealmKeyStore store)
{
    private const string SigningUse = "sig";
    private const string EncryptionUse = "enc";

    private (RsaSecurityKey Signing, SymmetricSecurityKey Encryption)? keys;

    public RsaSecurityKey Signing => Loaded.Signing;

    public SymmetricSecurityKey Encryption => Loaded.Encryption;

    public SigningCredentials SigningCredentials => new(Signing, SecurityAlgorithms.RsaSha256);

    private (RsaSecurityKey Signing, SymmetricSecurityKey Encryption) Loaded =>
        keys ?? throw new InvalidOperationException("The realm keys are read at start-up; nothing may sign or validate before.");

    public async Task LoadAsync(CancellationToken ct)
    {
        var (signing, encryption) = await database.InTransactionAsync(TenantScope.None, async session =>
            (await store.GetOrAddAsync(session, SigningUse, NewSigningKey), await store.GetOrAddAsync(session, EncryptionUse, NewEncryptionKey)), ct);

        var rsa = RSA.Create();
        rsa.ImportFromPem(signing.Material);
        keys = (new RsaSecurityKey(rsa) { KeyId = signing.Kid },
                new SymmetricSecurityKey(Convert.FromBase64String(encryption.Material)) { KeyId = encryption.Kid });
    }

    private static StoredKey NewSigningKey()
    {
        using var rsa = RSA.Create(2048);
        // Keycloak's kids are opaque; a thumbprint of the public key makes ours stable and unique.
        var kid = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()));
        return new StoredKey(SigningUse, kid, rsa.ExportPkcs8PrivateKeyPem());
    }

    private static StoredKey NewEncryptionKey() =>
        new(EncryptionUse, Guid.NewGuid().ToString("N"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
}
