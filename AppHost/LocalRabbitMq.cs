using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fenghuo.AppHost;

/// <summary>RabbitMQ from the apt-installed broker, as an executable resource; no container image is needed.</summary>
internal sealed class LocalRabbitMqResource(string name, string command, string workingDirectory, int port)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{port.ToString()}/");
}

internal static class LocalRabbitMq
{
    // The scripts under /usr/lib/rabbitmq/bin honour the environment; the Debian wrappers in
    // /usr/sbin switch a root caller to the rabbitmq user and reset HOME, which loses the private cookie.
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    /// <summary>The broker named by ConnectionStrings__rabbitmq, or else a local node kept under the data directory.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMqBroker(this IDistributedApplicationBuilder builder, PlatformOptions options)
    {
        if (builder.Configuration.GetConnectionString("rabbitmq") is { Length: > 0 })
        {
            return builder.AddConnectionString("rabbitmq");
        }

        var baseDirectory = Path.Combine(options.DataDirectory, "rabbitmq");
        var port = FreePort.Pick();
        var epmdPort = FreePort.Pick();

        // The node's own port mapper, run in the foreground so that it stops with the platform; one the node
        // started itself would daemonise and outlive it, and one shared with other nodes could not be stopped.
        var epmd = builder.AddExecutable("rabbitmq-epmd", "epmd", options.DataDirectory, "-port", epmdPort.ToString(), "-address", "127.0.0.1")
            .WithEndpoint(port: epmdPort, targetPort: epmdPort, name: "tcp", scheme: "tcp", isProxied: false)
            .WithHealthCheck(AddTcpCheck(builder, "rabbitmq-epmd-listens", epmdPort, greeting: null));

        var broker = new LocalRabbitMqResource("rabbitmq", ServerScript, baseDirectory, port);
        return builder.AddResource(broker)
            .WithEnvironment("RABBITMQ_NODENAME", "fenghuo@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", port.ToString())
            .WithEnvironment("RABBITMQ_DIST_PORT", FreePort.Pick().ToString())
            .WithEnvironment("ERL_EPMD_PORT", epmdPort.ToString())
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(baseDirectory, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(baseDirectory, "log"))
            .WithEnvironment("RABBITMQ_PID_FILE", Path.Combine(baseDirectory, "rabbitmq.pid"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(baseDirectory, "enabled_plugins"))
            // Private paths that do not exist keep the machine's /etc/rabbitmq settings out of this node.
            .WithEnvironment("RABBITMQ_CONF_ENV_FILE", Path.Combine(baseDirectory, "rabbitmq-env.conf"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(baseDirectory, "rabbitmq.conf"))
            .WithEnvironment("RABBITMQ_ADVANCED_CONFIG_FILE", Path.Combine(baseDirectory, "advanced.config"))
            // The Erlang cookie lives in HOME.
            .WithEnvironment("HOME", Path.Combine(baseDirectory, "home"))
            .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "amqp", isProxied: false)
            .WithHealthCheck(AddTcpCheck(builder, "rabbitmq-speaks-amqp", port, greeting: Encoding.ASCII.GetBytes("AMQP\0\0\x09\x01")))
            .WaitFor(epmd)
            .OnBeforeResourceStarted((_, _, ct) => PrepareAsync(baseDirectory, options.StartsFresh("rabbitmq"), ct));
    }

    /// <summary>--fresh empties the node's directory.</summary>
    private static async Task PrepareAsync(string baseDirectory, bool fresh, CancellationToken ct)
    {
        if (fresh && Directory.Exists(baseDirectory))
        {
            Directory.Delete(baseDirectory, recursive: true);
        }

        foreach (var directory in new[] { "mnesia", "log", "home" })
        {
            Directory.CreateDirectory(Path.Combine(baseDirectory, directory));
        }

        await File.WriteAllTextAsync(Path.Combine(baseDirectory, "enabled_plugins"), "[].", ct);
    }

    /// <summary>
    /// Healthy once the port accepts a connection and, given a greeting, answers it: a broker sends
    /// Connection.Start (a method frame, type 1) in reply to the AMQP 0-9-1 protocol header.
    /// </summary>
    private static string AddTcpCheck(IDistributedApplicationBuilder builder, string name, int port, byte[]? greeting)
    {
        builder.Services.AddHealthChecks().AddAsyncCheck(name, async ct =>
        {
            // A node that is still booting may accept the connection and not answer yet.
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, patience.Token);
                if (greeting is null)
                {
                    return HealthCheckResult.Healthy();
                }

                var stream = client.GetStream();
                await stream.WriteAsync(greeting, patience.Token);
                var reply = new byte[1];
                return await stream.ReadAsync(reply, patience.Token) == 1 && reply[0] == 1
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("no AMQP Connection.Start yet");
            }
            catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        });
        return name;
    }
}
