using System.Globalization;

namespace Fenghuo.AppHost;

/// <summary>
/// What a developer may choose about a local run. The command-line options are shorthands for
/// configuration keys, so the same settings also come from the environment (AppHost__GatewayPort…).
/// </summary>
internal sealed record PlatformOptions(string Repository, bool Fresh, int? GatewayPort, string DataDirectory, string DemoPassword)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> emptied = new();

    /// <summary>
    /// --fresh empties a resource's data on its first start only. A later start (the dashboard's
    /// Start after a crash, a restart) keeps what it wrote since: emptying then lost every database
    /// and every queued message of the running platform.
    /// </summary>
    public bool StartsFresh(string resource) => Fresh && emptied.TryAdd(resource, true);

    /// <summary>DEVELOPMENT DEFAULT: identity-api seeds the realm export's demo users with it.</summary>
    public const string DefaultDemoPassword = "Fenghuo@dev1";

    public const string Usage = """
        Usage: dotnet run --project AppHost -- [options]

        Starts PostgreSQL, RabbitMQ, the services, the gateway and the Aspire dashboard on this machine.

        Options (environment variable in brackets):
          --fresh                start from empty databases and broker      [AppHost__Fresh=true]
          --gateway-port <port>  default 8080; 0 picks a free port          [AppHost__GatewayPort]
          --data-dir <path>      default <repository>/.fenghuo              [AppHost__DataDir]
          --help                 show this text

        ConnectionStrings__postgres (a role with CREATEDB and CREATEROLE) and ConnectionStrings__rabbitmq
        use existing servers instead of starting local ones; with an existing PostgreSQL,
        AppHost__DatabasePassword is the password the provisioned roles get. Fenghuo__DemoPassword
        sets the demo users' password.
        """;

    private static readonly Dictionary<string, string> Shorthands = new()
    {
        ["--gateway-port"] = "AppHost:GatewayPort",
        ["--data-dir"] = "AppHost:DataDir",
    };

    public static bool WantsHelp(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");

    /// <summary>Rewrites the shorthands as configuration switches; anything else goes to Aspire unchanged.</summary>
    public static string[] ToConfigurationArgs(string[] args)
    {
        var rewritten = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--fresh")
            {
                rewritten.Add("--AppHost:Fresh=true");
            }
            else if (Shorthands.TryGetValue(args[i], out var key) && i + 1 < args.Length)
            {
                rewritten.Add($"--{key}={args[++i]}");
            }
            else
            {
                rewritten.Add(args[i]);
            }
        }

        return [.. rewritten];
    }

    /// <exception cref="ArgumentException">A malformed value.</exception>
    public static PlatformOptions From(IDistributedApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var port = configuration["AppHost:GatewayPort"] is { Length: > 0 } text ? ParsePort(text) : 8080;
        if (port != 0 && !FreePort.IsFree(port))
        {
            throw new InvalidOperationException($"Port {port} is in use; choose another with --gateway-port (0 = any free port).");
        }

        var repository = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var dataDirectory = Path.GetFullPath(configuration["AppHost:DataDir"] is { Length: > 0 } dir ? dir : Path.Combine(repository, ".fenghuo"));
        Directory.CreateDirectory(dataDirectory);
        return new PlatformOptions(
            Repository: repository,
            Fresh: configuration.GetValue("AppHost:Fresh", false),
            // No port: Aspire picks a free one.
            GatewayPort: port == 0 ? null : port,
            DataDirectory: dataDirectory,
            DemoPassword: configuration["Fenghuo:DemoPassword"] is { Length: > 0 } password ? password : DefaultDemoPassword);
    }

    private static int ParsePort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new ArgumentException($"The gateway port must be a port number (0 for any free port), not '{value}'.");
}
