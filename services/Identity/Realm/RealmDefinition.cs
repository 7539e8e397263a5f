using System.Text.Json;
using Fenghuo.Identity.Domain;

namespace Fenghuo.Identity.Realm;

/// <summary>
/// The realm file embedded in this assembly (deploy/keycloak/fenghuo-realm.json), validated, with
/// the policies it sets: token lifetimes, brute-force detection, password rules.
/// </summary>
public sealed class RealmDefinition
{
    public const string ResourceName = "fenghuo-realm.json";

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    private RealmDefinition(RealmRepresentation representation)
    {
        Representation = representation;
        Lifetimes = new TokenLifetimes(
            TimeSpan.FromSeconds(representation.AccessTokenLifespan!.Value),
            TimeSpan.FromSeconds(representation.AccessCodeLifespan!.Value),
            TimeSpan.FromSeconds(representation.SsoSessionIdleTimeout!.Value));
        BruteForce = representation.BruteForceProtected == true
            ? new BruteForcePolicy(
                true,
                representation.FailureFactor!.Value,
                TimeSpan.FromSeconds(representation.WaitIncrementSeconds!.Value),
                TimeSpan.FromSeconds(representation.MaxFailureWaitSeconds!.Value),
                TimeSpan.FromSeconds(representation.MaxDeltaTimeSeconds!.Value))
            : new BruteForcePolicy(false, int.MaxValue, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        PasswordPolicy = PasswordPolicy.Parse(representation.PasswordPolicy);
    }

    public RealmRepresentation Representation { get; }

    public string Name => Representation.Realm!;

    public TokenLifetimes Lifetimes { get; }

    public BruteForcePolicy BruteForce { get; }

    public PasswordPolicy PasswordPolicy { get; }

    public static RealmRepresentation ReadEmbedded()
    {
        using var stream = typeof(RealmDefinition).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The realm file {ResourceName} is not embedded in this assembly.");
        return JsonSerializer.Deserialize<RealmRepresentation>(stream, ReadOptions)
            ?? throw new InvalidOperationException($"The realm file {ResourceName} is empty.");
    }

    /// <exception cref="InvalidOperationException">The file does not say what this service needs.</exception>
    public static RealmDefinition Load(RealmRepresentation representation, string expectedRealm)
    {
        var problems = RealmValidator.Validate(representation, expectedRealm);
        return problems.Count == 0
            ? new RealmDefinition(representation)
            : throw new InvalidOperationException($"The realm file {ResourceName} is not usable: {string.Join("; ", problems)}.");
    }
}
