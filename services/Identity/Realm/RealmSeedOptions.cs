namespace Fenghuo.Identity.Realm;

/// <summary>
/// What the realm file seeds, from the "Fenghuo" section:
/// <code>
/// "Fenghuo": {
///   "DemoPassword": "…",        // env Fenghuo__DemoPassword: the demo users' first password (Development only; Fenghuo@dev1 when unset)
///   "AdminPassword": "…",       // env Fenghuo__AdminPassword: outside Development, seeds the bootstrap "admin" once with this password
///   "ClientSecrets": {
///     "fenghuo-jurisdictions": "…"  // env Fenghuo__ClientSecrets__fenghuo-jurisdictions: required outside Development
///   },
///   "ClientRedirectUris": {
///     "fenghuo-portal": ["https://fenghuo.example.gov.cn/*"]  // env Fenghuo__ClientRedirectUris__fenghuo-portal__0: added to the file's
///   }
/// }
/// </code>
/// The file's secrets and password are development defaults (see <see cref="KnownCredentials"/>).
/// </summary>
public sealed class RealmSeedOptions
{
    public const string Section = "Fenghuo";

    public string? DemoPassword { get; set; }

    public string? AdminPassword { get; set; }

    public Dictionary<string, string> ClientSecrets { get; set; } = [];

    /// <summary>
    /// Redirect URIs a deployment adds to a client's, such as the portal behind a gateway whose
    /// address is known only when the platform starts (the AppHost's, on a port of its choosing).
    /// </summary>
    public Dictionary<string, List<string>> ClientRedirectUris { get; set; } = [];
}
