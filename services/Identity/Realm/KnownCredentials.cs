namespace Fenghuo.Identity.Realm;

/// <summary>
/// The credentials everyone knows: the realm file's demo password and its dev-only client secrets.
/// They are fine on a developer's machine and a gift to anyone anywhere else, so outside Development
/// the identity service seeds no demo user and refuses to start while a confidential client's
/// secret is missing, is the file's, or is too short to be random.
/// </summary>
public static class KnownCredentials
{
    /// <summary>The demo users' password in Development when Fenghuo:DemoPassword does not say otherwise.</summary>
    public const string DevelopmentDemoPassword = "Fenghuo@dev1";

    public const string DevelopmentSecretPrefix = "dev-only-";

    public const int MinimumSecretLength = 32;

    /// <summary>The bootstrap platform administrator, the one file user seeded outside Development (with Fenghuo:AdminPassword).</summary>
    public const string AdminUsername = "admin";

    /// <summary>Why this configuration must not run outside Development; empty when it may.</summary>
    public static IReadOnlyList<string> ProblemsOutsideDevelopment(RealmRepresentation realm, RealmSeedOptions options, string? signingKeyDirectory)
    {
        var problems = new List<string>();
        foreach (var client in realm.Clients.Where(c => c.PublicClient != true && c.BearerOnly != true))
        {
            var setting = $"{RealmSeedOptions.Section}__ClientSecrets__{client.ClientId}";
            var secret = options.ClientSecrets.GetValueOrDefault(client.ClientId!);
            if (string.IsNullOrEmpty(secret))
            {
                problems.Add($"{setting} is not set");
            }
            else if (secret == client.Secret || secret.StartsWith(DevelopmentSecretPrefix, StringComparison.Ordinal))
            {
                problems.Add($"{setting} is the published development default");
            }
            else if (secret.Length < MinimumSecretLength)
            {
                problems.Add($"{setting} is shorter than {MinimumSecretLength} characters");
            }
        }
        if (signingKeyDirectory is not { Length: > 0 })
        {
            problems.Add("Fenghuo__SigningKeys__Directory is not set (a directory of PEM RSA private keys outside the database)");
        }
        if (options.AdminPassword is { } admin && IsKnownPassword(admin, realm))
        {
            problems.Add($"{RealmSeedOptions.Section}__AdminPassword is the published demo password");
        }
        return problems;
    }

    /// <exception cref="InvalidOperationException">Outside Development, with a known or missing credential.</exception>
    public static void EnsureNoneOutsideDevelopment(RealmRepresentation realm, RealmSeedOptions options, string? signingKeyDirectory, string environment)
    {
        var problems = ProblemsOutsideDevelopment(realm, options, signingKeyDirectory);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The identity service refuses to start in the {environment} environment with known or missing credentials: " +
                $"{string.Join("; ", problems)}. Set each client secret to at least {MinimumSecretLength} random characters " +
                "(demo users and the realm file's secrets exist only in Development).");
        }
    }

    private static bool IsKnownPassword(string password, RealmRepresentation realm) =>
        password == DevelopmentDemoPassword
        || realm.Users.Any(u => u.Credentials?.Any(c => c.Value == password) == true);
}
