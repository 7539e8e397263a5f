using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// Hands the realm's keys to OpenIddict (read on the first request, after start-up loaded them). It
/// signs with the first signing credentials and publishes every one at /certs.
/// </summary>
public sealed class ServerKeysConfiguration(RealmKeys keys) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        options.SigningCredentials.AddRange(keys.SigningCredentials);
        options.EncryptionCredentials.Add(new EncryptingCredentials(keys.Encryption, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
    }
}
