using Npgsql;

namespace Fenghuo.Testing.Servers;

/// <summary>A private PostgreSQL 15 server on loopback, run from the apt-installed binaries.</summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string SystemUser = "postgres";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly string dataDirectory;
    private readonly ProcessGroup server;
    private bool stopped;

    private LocalPostgres(string dataDirectory, int port, ProcessGroup server)
    {
        this.dataDirectory = dataDirectory;
        this.server = server;
        Port = port;
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Password = DevelopmentDefaults.DatabasePassword,
        }.ConnectionString;
    }

    public int Port { get; }

    public string AdminConnectionString { get; }

    // PostgreSQL refuses to run as root, so a root caller hands the server to the postgres system user.
    private static bool RunAsSystemUser => Environment.IsPrivilegedProcess;

    /// <param name="settings">Server settings beyond the defaults (name=value, each passed as -c).</param>
    public static async Task<LocalPostgres> StartAsync(
        string dataDirectory, int port, bool fresh, Action<string> log, CancellationToken ct, IReadOnlyList<string>? settings = null)
    {
        dataDirectory = Path.GetFullPath(dataDirectory);
        await StopLeftoverAsync(dataDirectory, log);
        if (fresh && Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await InitializeAsync(dataDirectory, log, ct);
        }

        if (port == 0)
        {
            port = FreePort.Pick();
        }

        var recent = new RecentOutput();
        var (fileName, arguments) = AsServerUser(
            Path.Combine(BinDirectory, "postgres"),
            [
                "-D", dataDirectory,
                "-p", port.ToString(),
                "-c", "listen_addresses=127.0.0.1",
                "-c", $"unix_socket_directories={dataDirectory}",
                // Seven services each keep a connection pool; the default of 100 runs out under tests.
                "-c", "max_connections=300",
                .. (settings ?? []).SelectMany(setting => new[] { "-c", setting }),
            ]);
        var server = ProcessGroup.Start(fileName, arguments, dataDirectory, new Dictionary<string, string?>(), line =>
        {
            recent.Add(line);
            log(line);
        });

        var postgres = new LocalPostgres(dataDirectory, port, server);
        try
        {
            await postgres.WaitUntilReadyAsync(recent, ct);
            return postgres;
        }
        catch
        {
            await postgres.StopAsync();
            throw;
        }
    }

    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        if (server.HasExited)
        {
            return;
        }

        var (fileName, arguments) = AsServerUser(
            Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-D", dataDirectory, "-m", "fast", "-w", "-t", "30"]);
        var result = await Command.RunAsync(fileName, arguments, CancellationToken.None, timeout: TimeSpan.FromSeconds(40));
        if (!result.Succeeded)
        {
            // Fast shutdown, the same as pg_ctl -m fast, for when pg_ctl could not reach the server.
            UnixProcess.SignalGroup(server.Id, UnixProcess.SigInt);
        }

        await server.StopAfterAsync(TimeSpan.FromSeconds(30));
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static async Task InitializeAsync(string dataDirectory, Action<string> log, CancellationToken ct)
    {
        if (Directory.Exists(dataDirectory))
        {
            // No PG_VERSION: an initdb that was interrupted. The directory is ours alone, so start over.
            Directory.Delete(dataDirectory, recursive: true);
        }

        Directory.CreateDirectory(dataDirectory);
        await GiveToServerUserAsync(dataDirectory, ct);

        var passwordFile = Path.Combine(Path.GetTempPath(), $"fenghuo-pg-{Guid.NewGuid():N}");
        // The password is the published development default, so the file's permissions guard nothing.
        await File.WriteAllTextAsync(passwordFile, DevelopmentDefaults.DatabasePassword, ct);
        try
        {
            await GiveToServerUserAsync(passwordFile, ct);
            var (fileName, arguments) = AsServerUser(
                Path.Combine(BinDirectory, "initdb"),
                [
                    "-D", dataDirectory,
                    "-U", "postgres",
                    "--pwfile", passwordFile,
                    // TCP needs the password; the socket lives inside the 0700 data directory, so only
                    // the server's own user and root can reach it.
                    "--auth-host=scram-sha-256",
                    "--auth-local=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ]);
            await Command.RunCheckedAsync(fileName, arguments, ct);
            log($"initdb: created {dataDirectory}");
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>A server left running by a crashed run would hold the data directory; stop it first.</summary>
    private static async Task StopLeftoverAsync(string dataDirectory, Action<string> log)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)
            || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)
            || !UnixProcess.IsAlive(pid)
            || !UnixProcess.CommandLine(pid).Contains(dataDirectory, StringComparison.Ordinal))
        {
            return;
        }

        log($"warning: stopping a server left over from an earlier run (pid {pid})");
        await UnixProcess.StopAsync(pid, UnixProcess.SigInt, TimeSpan.FromSeconds(30));
    }

    private static async Task GiveToServerUserAsync(string path, CancellationToken ct)
    {
        if (RunAsSystemUser)
        {
            await Command.RunCheckedAsync("chown", ["-R", $"{SystemUser}:", path], ct);
        }
    }

    private static (string FileName, IReadOnlyList<string> Arguments) AsServerUser(string fileName, IReadOnlyList<string> arguments) =>
        RunAsSystemUser
            ? ("runuser", ["-u", SystemUser, "--", fileName, .. arguments])
            : (fileName, arguments);

    /// <summary>Line 8 of postmaster.pid is the server's own status, the one pg_ctl -w waits for.</summary>
    private bool ServerSaysReady()
    {
        try
        {
            return File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).ElementAtOrDefault(7)?.Trim() == "ready";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private async Task WaitUntilReadyAsync(RecentOutput recent, CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false, Timeout = 3 }.ConnectionString;
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL exited with code {server.ExitCode} while starting:{Environment.NewLine}{recent}");
            }

            // Connecting any earlier makes the server log "FATAL: the database system is starting up".
            if (ServerSaysReady() && await AcceptsConnectionsAsync(probe, ct))
            {
                return;
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException(
            $"PostgreSQL did not accept connections within {ReadyTimeout.TotalSeconds:0}s:{Environment.NewLine}{recent}");
    }

    private static async Task<bool> AcceptsConnectionsAsync(string connectionString, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
