namespace Fenghuo.Identity.Data;

/// <summary>A realm key row: an RSA private key in PKCS#8 PEM ('sig') or 32 random bytes in base64 ('enc').</summary>
public sealed record StoredKey(string Use, string Kid, string Material);
