using System.Security.Cryptography;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Data;
using Microsoft.IdentityModel.Tokens;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// The realm's signing keys (RSA, RS256, published at /certs), from files outside the database
/// (<see cref="SigningKeyFiles"/>), and the key OpenIddict encrypts authorization codes and refresh
/// tokens with (AES-256), generated on the first start and kept in the database so every replica
/// reads alike.
/// </summary>
public sealed class RealmKeys(TenantDatabase database, RealmKeyStore store, IConfiguration configuration, IHostEnvironment environment)
{
    private const string EncryptionUse = "enc";

    private (IReadOnlyList<RsaSecurityKey> Signing, SymmetricSecurityKey Encryption)? keys;

    /// <summary>The key that signs, then the older ones still published and accepted.</summary>
    public IReadOnlyList<RsaSecurityKey> Signing => Loaded.Signing;

    public SymmetricSecurityKey Encryption => Loaded.Encryption;

    public IEnumerable<SigningCredentials> SigningCredentials => Signing.Select(key => new SigningCredentials(key, SecurityAlgorithms.RsaSha256));

    private (IReadOnlyList<RsaSecurityKey> Signing, SymmetricSecurityKey Encryption) Loaded =>
        keys ?? throw new InvalidOperationException("The realm keys are read at start-up; nothing may sign or validate before.");

    public async Task LoadAsync(CancellationToken ct)
    {
        var directory = configuration[SigningKeyFiles.Setting] is { Length: > 0 } configured ? configured : SigningKeyFiles.DevelopmentDirectory;
        var signing = SigningKeyFiles.Load(directory, mayGenerate: environment.IsDevelopment());
        var encryption = await database.InTransactionAsync(TenantScope.None, session => store.GetOrAddAsync(session, EncryptionUse, NewEncryptionKey), ct);
        keys = (signing, new SymmetricSecurityKey(Convert.FromBase64String(encryption.Material)) { KeyId = encryption.Kid });
    }

    private static StoredKey NewEncryptionKey() =>
        new(EncryptionUse, Guid.NewGuid().ToString("N"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
}
