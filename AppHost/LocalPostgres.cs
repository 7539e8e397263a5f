using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Fenghuo.AppHost;

/// <summary>PostgreSQL 15 from the apt-installed binaries, as an executable resource; no container image is needed.</summary>
internal sealed class LocalPostgresResource(string name, string command, string workingDirectory, string adminConnectionString)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{adminConnectionString}");
}

internal static class LocalPostgres
{
    /// <summary>DEVELOPMENT DEFAULT of a throwaway loopback server; never given to a server the AppHost did not start.</summary>
    public const string DevelopmentPassword = "fenghuo-dev";

    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string SystemUser = "postgres";

    // PostgreSQL refuses to run as root, so a root caller hands the server to the postgres system user.
    private static bool AsSystemUser => Environment.IsPrivilegedProcess;

    /// <summary>The server named by ConnectionStrings__postgres, or else a local one kept under the data directory.</summary>
    public static DatabaseServer AddPostgresServer(this IDistributedApplicationBuilder builder, PlatformOptions options)
    {
        if (builder.Configuration.GetConnectionString("postgres") is { Length: > 0 } external)
        {
            return new DatabaseServer(builder.AddConnectionString("postgres"), new NpgsqlConnectionStringBuilder(external), ExternalRolePassword(builder));
        }

        var dataDirectory = Path.Combine(options.DataDirectory, "postgres");
        var port = FreePort.Pick();
        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "postgres", Password = DevelopmentPassword,
        };
        var (command, prefix) = ServerUserCommand(Path.Combine(BinDirectory, "postgres"));
        var server = new LocalPostgresResource("postgres", command, options.DataDirectory, admin.ConnectionString);

        var healthCheck = "postgres-accepts-connections";
        var probe = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Pooling = false, Timeout = 3 }.ConnectionString;
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async ct =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(ct);
                return HealthCheckResult.Healthy();
            }
            catch (NpgsqlException e)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        });

        var resource = builder.AddResource(server)
            .WithArgs([
                .. prefix,
                "-D", dataDirectory,
                "-p", port.ToString(),
                "-c", "listen_addresses=127.0.0.1",
                // The socket stays inside the 0700 data directory: only the server's own user and root reach it.
                "-c", $"unix_socket_directories={dataDirectory}",
                // Seven services each keep a connection pool; the default of 100 runs out under tests.
                "-c", "max_connections=300",
                // Per-statement cost (calls, time, rows, buffers), nested statements in functions and
                // triggers included: where the database's time goes is read, not guessed. Costs ~1 %.
                "-c", "shared_preload_libraries=pg_stat_statements",
                "-c", "pg_stat_statements.track=all",
                // The first change to a page after a checkpoint logs the whole 8 kB page: at the default five minutes
                // (or 1 GB of WAL) a busy platform pays that for every page it touches several times an hour, a report
                // ~2.5 kB more WAL while it lasts (bench/Incidents.Bench). Fifteen minutes, as production tuning does,
                // at the price of a longer crash recovery; the server still flushes every commit before answering.
                "-c", "checkpoint_timeout=15min",
                "-c", "max_wal_size=4GB",
            ])
            .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck)
            .OnBeforeResourceStarted((_, _, ct) => PrepareAsync(dataDirectory, options.StartsFresh("postgres"), ct));
        return new DatabaseServer(resource, admin, DevelopmentPassword);
    }

    /// <summary>
    /// The provisioned roles' password on a server the AppHost did not start: given, and never the
    /// development default, which is published in this repository.
    /// </summary>
    private static string ExternalRolePassword(IDistributedApplicationBuilder builder) =>
        builder.Configuration["AppHost:DatabasePassword"] switch
        {
            null or "" => throw new InvalidOperationException(
                "ConnectionStrings__postgres names an existing PostgreSQL server: set AppHost__DatabasePassword to the password "
                + "the AppHost should give the roles it creates there (<service>_owner, <service>_app)."),
            DevelopmentPassword => throw new InvalidOperationException(
                "AppHost__DatabasePassword is the published development password; choose another for an existing PostgreSQL server."),
            var password => password,
        };

    /// <summary>--fresh empties the data directory; a missing or half-made one is initialised again.</summary>
    private static async Task PrepareAsync(string dataDirectory, bool fresh, CancellationToken ct)
    {
        if (fresh || !File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }

            await InitializeAsync(dataDirectory, ct);
        }
    }

    private static async Task InitializeAsync(string dataDirectory, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDirectory);
        var passwordFile = Path.Combine(Path.GetTempPath(), $"fenghuo-pg-{Guid.NewGuid():N}");
        // The password is the published development default, so the file's permissions guard nothing.
        await File.WriteAllTextAsync(passwordFile, DevelopmentPassword, ct);
        try
        {
            if (AsSystemUser)
            {
                await RunAsync("chown", ["-R", $"{SystemUser}:", dataDirectory, passwordFile], ct);
            }

            var (command, prefix) = ServerUserCommand(Path.Combine(BinDirectory, "initdb"));
            await RunAsync(command, [
                .. prefix, "-D", dataDirectory, "-U", "postgres", "--pwfile", passwordFile,
                // TCP needs the password; the socket inside the data directory trusts the server's own user.
                "--auth-host=scram-sha-256", "--auth-local=trust", "--encoding=UTF8", "--locale=C.UTF-8",
            ], ct);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>setpriv execs in place, so the process DCP stops is the server itself, not a wrapper.</summary>
    private static (string Command, string[] Prefix) ServerUserCommand(string program) =>
        AsSystemUser
            ? ("setpriv", [$"--reuid={SystemUser}", $"--regid={SystemUser}", "--init-groups", "--", program])
            : (program, []);

    private static async Task RunAsync(string command, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} exited with {process.ExitCode}: {await output}{await errors}");
        }
    }
}

/// <summary>The PostgreSQL server, how the AppHost reaches it as an administrator, and the password its provisioned roles get.</summary>
internal sealed record DatabaseServer(
    IResourceBuilder<IResourceWithConnectionString> Resource, NpgsqlConnectionStringBuilder Admin, string RolePassword);
