namespace Fenghuo.Identity.Realm;

/// <summary>
/// Overrides for what the realm file seeds, from the "Fenghuo" section:
/// <code>
/// "Fenghuo": {
///   "DemoPassword": "Fenghuo@dev1",                 // env Fenghuo__DemoPassword: every seeded demo user's first password
///   "ClientSecrets": {
///     "fenghuo-jurisdictions": "…"                  // env Fenghuo__ClientSecrets__fenghuo-jurisdictions
///   }
/// }
/// </code>
/// The file's secrets and password are development defaults; a real deployment sets these.
/// </summary>
public sealed class RealmSeedOptions
{
    public const string Section = "Fenghuo";

    public string DemoPassword { get; set; } = "Fenghuo@dev1";

    public Dictionary<string, string> ClientSecrets { get; set; } = [];
}
