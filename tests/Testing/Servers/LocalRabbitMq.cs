using System.Security.Cryptography;
using System.Text;

namespace Fenghuo.Testing.Servers;

/// <summary>A private RabbitMQ node on loopback, run from the apt-installed broker.</summary>
public sealed class LocalRabbitMq : IAsyncDisposable
{
    // The scripts under /usr/lib/rabbitmq/bin honour the environment; the Debian wrappers in
    // /usr/sbin switch a root caller to the rabbitmq user and reset HOME, which loses the private cookie.
    private const string ScriptDirectory = "/usr/lib/rabbitmq/bin";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly string baseDirectory;
    private readonly string nodeName;
    private readonly Action<string> log;
    private readonly Dictionary<string, string?> environment;
    private ProcessGroup? server;

    private LocalRabbitMq(string baseDirectory, int port, Action<string> log)
    {
        this.baseDirectory = baseDirectory;
        this.log = log;
        Port = port;
        nodeName = NodeNameFor(baseDirectory);
        environment = new Dictionary<string, string?>
        {
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = FreePort.Pick().ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(baseDirectory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(baseDirectory, "log"),
            ["RABBITMQ_PID_FILE"] = PidFile(baseDirectory),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(baseDirectory, "enabled_plugins"),
            // Private paths that do not exist keep the machine's /etc/rabbitmq settings out of this node.
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(baseDirectory, "rabbitmq-env.conf"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(baseDirectory, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(baseDirectory, "advanced.config"),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            // The Erlang cookie lives in HOME; the node and the CLI tools must read the same one.
            ["HOME"] = Path.Combine(baseDirectory, "home"),
        };
    }

    public int Port { get; }

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public static async Task<LocalRabbitMq> StartAsync(
        string baseDirectory, int port, bool fresh, Action<string> log, CancellationToken ct)
    {
        baseDirectory = Path.GetFullPath(baseDirectory);
        await StopLeftoverAsync(baseDirectory, log);
        if (fresh && Directory.Exists(baseDirectory))
        {
            Directory.Delete(baseDirectory, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(baseDirectory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(baseDirectory, "log"));
        Directory.CreateDirectory(Path.Combine(baseDirectory, "home"));
        await File.WriteAllTextAsync(Path.Combine(baseDirectory, "enabled_plugins"), "[].", ct);

        var rabbit = new LocalRabbitMq(baseDirectory, port == 0 ? FreePort.Pick() : port, log);
        await rabbit.StartAgainAsync(ct);
        return rabbit;
    }

    /// <summary>Starts the same node (name, ports, data) after <see cref="StopAsync"/>.</summary>
    public async Task StartAgainAsync(CancellationToken ct)
    {
        if (server is { HasExited: false })
        {
            throw new InvalidOperationException($"RabbitMQ node {nodeName} is already running.");
        }

        var recent = new RecentOutput();
        server = ProcessGroup.Start(Script("rabbitmq-server"), [], baseDirectory, environment, line =>
        {
            recent.Add(line);
            log(line);
        });

        try
        {
            await WaitUntilReadyAsync(server, recent, ct);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    public async Task StopAsync()
    {
        if (server is null || server.HasExited)
        {
            return;
        }

        await Command.RunAsync(
            Script("rabbitmqctl"), ["-n", nodeName, "stop"], CancellationToken.None, environment, TimeSpan.FromSeconds(60));
        await server.StopAfterAsync(TimeSpan.FromSeconds(30));
        // The node started epmd, which would outlive it; epmd refuses to quit while other nodes use it.
        await Command.RunAsync("epmd", ["-kill"], CancellationToken.None, environment, TimeSpan.FromSeconds(10));
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>Stable per directory, so a restart finds its own Mnesia data, and distinct between directories.</summary>
    private static string NodeNameFor(string baseDirectory)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(baseDirectory));
        return $"fenghuo-{Convert.ToHexStringLower(hash)[..10]}@localhost";
    }

    private static string PidFile(string baseDirectory) => Path.Combine(baseDirectory, "rabbitmq.pid");

    private static string Script(string name)
    {
        var script = Path.Combine(ScriptDirectory, name);
        return File.Exists(script) ? script : name;
    }

    /// <summary>A node left running by a crashed run would hold the Mnesia directory; stop it first.</summary>
    private static async Task StopLeftoverAsync(string baseDirectory, Action<string> log)
    {
        var pidFile = PidFile(baseDirectory);
        if (!File.Exists(pidFile)
            || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)
            || !UnixProcess.IsAlive(pid)
            || !UnixProcess.CommandLine(pid).Contains(baseDirectory, StringComparison.Ordinal))
        {
            return;
        }

        log($"warning: stopping a node left over from an earlier run (pid {pid})");
        // The Erlang VM treats SIGTERM as a request for an orderly shutdown.
        await UnixProcess.StopAsync(pid, UnixProcess.SigTerm, TimeSpan.FromSeconds(30));
    }

    private async Task WaitUntilReadyAsync(ProcessGroup starting, RecentOutput recent, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            var check = await Command.RunAsync(
                Script("rabbitmq-diagnostics"), ["-n", nodeName, "-q", "check_port_connectivity"], ct, environment);
            if (check.Succeeded)
            {
                return;
            }

            if (starting.HasExited)
            {
                throw new InvalidOperationException(
                    $"RabbitMQ exited with code {starting.ExitCode} while starting:{Environment.NewLine}{recent}");
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"RabbitMQ did not accept connections within {ReadyTimeout.TotalSeconds:0}s:{Environment.NewLine}{recent}{Environment.NewLine}{check.Output}");
            }

            await Task.Delay(500, ct);
        }
    }
}
