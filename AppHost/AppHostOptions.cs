using System.Globalization;

namespace Fenghuo.AppHost;

/// <summary>
/// Settings from the command line, falling back to the environment:
/// AppHost__Fresh, AppHost__GatewayPort, AppHost__DataDir, AppHost__HealthTimeoutSeconds, Fenghuo__DemoPassword.
/// </summary>
internal sealed record AppHostOptions
{
    /// <summary>DEVELOPMENT DEFAULT for the demo users of the realm export; identity-api seeds them with it.</summary>
    public const string DefaultDemoPassword = "Fenghuo@dev1";

    public const string Usage = """
        Usage: dotnet run --project AppHost -- [options]

        Starts PostgreSQL, RabbitMQ, the services and the gateway on this machine.

        Options (environment variable in brackets):
          --fresh                start from empty databases and broker      [AppHost__Fresh=true]
          --gateway-port <port>  default 8080; 0 picks a free port          [AppHost__GatewayPort]
          --data-dir <path>      default <repository>/.fenghuo              [AppHost__DataDir]
          --health-timeout <s>   time each resource gets to become healthy,
                                 default 120                                [AppHost__HealthTimeoutSeconds]
          --help                 show this text

        ConnectionStrings__postgres (a superuser connection string) and ConnectionStrings__rabbitmq
        use existing servers instead of starting local ones. Fenghuo__DemoPassword sets the demo users'
        password. Fenghuo__*, Keycloak__* and OTEL_* variables are passed on to every service.
        """;

    public bool Fresh { get; init; }

    public int GatewayPort { get; init; } = 8080;

    public string? DataDirectory { get; init; }

    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public string DemoPassword { get; init; } = DefaultDemoPassword;

    public bool ShowHelp { get; init; }

    /// <exception cref="ArgumentException">An unknown option or a malformed value.</exception>
    public static AppHostOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var options = new AppHostOptions();
        options = environment("AppHost__Fresh") is { } fresh ? options with { Fresh = ParseBool("AppHost__Fresh", fresh) } : options;
        options = environment("AppHost__GatewayPort") is { } port ? options with { GatewayPort = ParsePort("AppHost__GatewayPort", port) } : options;
        options = environment("AppHost__DataDir") is { Length: > 0 } dataDir ? options with { DataDirectory = dataDir } : options;
        options = environment("AppHost__HealthTimeoutSeconds") is { } timeout
            ? options with { HealthTimeout = ParseSeconds("AppHost__HealthTimeoutSeconds", timeout) }
            : options;
        options = environment("Fenghuo__DemoPassword") is { Length: > 0 } password ? options with { DemoPassword = password } : options;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            options = arg switch
            {
                "--fresh" => options with { Fresh = true },
                "--gateway-port" => options with { GatewayPort = ParsePort(arg, ValueOf(args, ref i)) },
                "--data-dir" => options with { DataDirectory = ValueOf(args, ref i) },
                "--health-timeout" => options with { HealthTimeout = ParseSeconds(arg, ValueOf(args, ref i)) },
                "--help" or "-h" or "-?" => options with { ShowHelp = true },
                _ => throw new ArgumentException($"Unknown option '{arg}'."),
            };
        }

        return options;
    }

    private static string ValueOf(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{args[i]} needs a value.");
        }

        return args[++i];
    }

    private static bool ParseBool(string name, string value) =>
        bool.TryParse(value, out var result) ? result : throw new ArgumentException($"{name} must be true or false, not '{value}'.");

    private static int ParsePort(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new ArgumentException($"{name} must be a port number (0 for any free port), not '{value}'.");

    private static TimeSpan ParseSeconds(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{name} must be a positive number of seconds, not '{value}'.");
}
