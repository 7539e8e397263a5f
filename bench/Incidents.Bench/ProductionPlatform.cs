using System.Security.Cryptography;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// The platform as production runs it: the gateway and every service in the Production environment
/// (no developer exception page, no DI scope validation on every resolution), with what the
/// Development environment would otherwise have supplied given explicitly for this run. The identity
/// service alone stays in Development: it seeds the demo realm's users the bench logs in as, and
/// refuses their published passwords anywhere else; it issues each user's token once per run, so
/// it is not on the path any load phase measures.
/// </summary>
internal sealed class ProductionPlatform : IDisposable
{
    private const string Identity = "identity-api";

    /// <summary>The services that run in Production; each also runs once as "-topology" to declare its queues.</summary>
    private static readonly string[] Services =
        ["jurisdictions-api", "incidents-api", "warnings-api", "notifications-api", "exercises-api", "summaries-api"];

    private ProductionPlatform(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> environment, string auditDirectory)
    {
        Environment = environment;
        AuditDirectory = auditDirectory;
    }

    /// <summary>Settings by resource name, for <c>RunningPlatform.StartAsync</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Environment { get; }

    /// <summary>Where the services' audit checkpoints go for this run.</summary>
    public string AuditDirectory { get; }

    /// <param name="runtime">Settings every .NET process of the platform gets besides (the bench's --runtime).</param>
    public static ProductionPlatform Create(IReadOnlyList<KeyValuePair<string, string>> runtime)
    {
        // Development would have the services use the realm file's published client secrets (which they refuse
        // in Production) and an audit seal key of the machine's own: this run gets fresh ones of its own.
        var jurisdictionsSecret = Secret();
        var notificationsSecret = Secret();
        var auditDirectory = Directory.CreateTempSubdirectory("fenghuo-bench-audit-").FullName;
        var production = new Dictionary<string, string>(runtime)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Fenghuo__Audit__SealKey"] = Secret(),
            ["Fenghuo__Audit__CheckpointDirectory"] = auditDirectory,
        };
        var environment = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["gateway"] = new Dictionary<string, string>(runtime) { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            [Identity] = new Dictionary<string, string>(runtime)
            {
                ["Fenghuo__ClientSecrets__fenghuo-jurisdictions"] = jurisdictionsSecret,
                ["Fenghuo__ClientSecrets__fenghuo-notifications"] = notificationsSecret,
            },
        };
        foreach (var service in Services)
        {
            var settings = new Dictionary<string, string>(production);
            if (service == "jurisdictions-api")
            {
                settings["IdentityAdmin__ClientSecret"] = jurisdictionsSecret;
            }
            else if (service == "notifications-api")
            {
                settings["Notifications__Identity__ClientSecret"] = notificationsSecret;
            }
            environment[service] = settings;
            environment[$"{service}-topology"] = settings;
        }

        return new ProductionPlatform(environment, auditDirectory);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(AuditDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left under /tmp for the OS to clean.
        }
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
}
