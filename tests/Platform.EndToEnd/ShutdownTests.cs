using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fenghuo.Testing;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// What the AppHost promises an operator: Ctrl-C on <c>./build.sh run</c> leaves nothing running,
/// Aspire's orchestrator (DCP) included. Starts the AppHost as that command does, as a process of its own.
/// </summary>
public sealed class ShutdownTests : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"fenghuo-e2e-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> gatewayAnnounced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process appHost = null!;

    public Task InitializeAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var root = AppContext.BaseDirectory[..AppContext.BaseDirectory.IndexOf("/tests/", StringComparison.Ordinal)];
        // A shell's background jobs ignore SIGINT and pass that on; env restores it, as a terminal has it.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        foreach (var argument in new[]
        {
            "--default-signal=INT", "dotnet", Path.Combine(root, "AppHost", "bin", configuration, "net10.0", "Fenghuo.AppHost.dll"),
            "--fresh", "--gateway-port", "0", "--data-dir", dataDirectory,
        })
        {
            start.ArgumentList.Add(argument);
        }

        // The dashboard too, on ports of its own so that a developer's running platform is not in the way.
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
        appHost = Process.Start(start)!;
        appHost.OutputDataReceived += (_, e) => Record(e.Data);
        appHost.ErrorDataReceived += (_, e) => Record(e.Data);
        appHost.BeginOutputReadLine();
        appHost.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (!appHost.HasExited)
        {
            appHost.Kill(entireProcessTree: true);
            await appHost.WaitForExitAsync();
        }

        appHost.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the OS to clean: it is under /tmp, and PostgreSQL's files belong to the postgres user when run as root.
        }
    }

    [Fact]
    public async Task Ctrl_c_stops_every_process_of_the_platform_dcp_included()
    {
        var gateway = await GatewayAnnouncedAsync(TimeSpan.FromMinutes(4));
        using (var client = new GatewayClient(gateway))
        using (var health = await client.Anonymous.GetAsync("health"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // DCP detaches from the AppHost and watches it by pid; everything the platform runs descends from it.
        var dcp = ProcessTree.All().Single(p => p.CommandLine.Contains("dcp start-apiserver") && p.CommandLine.Contains($"--monitor {appHost.Id} "));
        List<(int Pid, string CommandLine)> platform = [dcp, .. ProcessTree.DescendantsOf(dcp.Pid)];
        Assert.Contains(platform, p => p.CommandLine.Contains("postgres"));
        Assert.Contains(platform, p => p.CommandLine.Contains("beam.smp"));
        Assert.Contains(platform, p => p.CommandLine.Contains("epmd"));
        Assert.Contains(platform, p => p.CommandLine.Contains("Fenghuo.Gateway"));
        Assert.Contains(platform, p => p.CommandLine.Contains("Fenghuo.Incidents"));

        Process.Start("kill", ["-INT", appHost.Id.ToString()])!.WaitForExit();
        using (var exit = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await appHost.WaitForExitAsync(exit.Token);
        }

        // DCP stops the resources as the AppHost goes; whatever still lives after the bound was left behind.
        await Eventually.Value(() => Task.FromResult(Survivors(platform)), alive => alive.Length == 0, "still running after Ctrl-C");
    }

    /// <summary>The gateway URL of the summary the AppHost prints once the gateway is healthy.</summary>
    private async Task<Uri> GatewayAnnouncedAsync(TimeSpan within)
    {
        var exited = appHost.WaitForExitAsync();
        if (await Task.WhenAny(gatewayAnnounced.Task, exited).WaitAsync(within) != gatewayAnnounced.Task)
        {
            throw new InvalidOperationException($"The AppHost exited before announcing a gateway. Last output:\n{string.Join('\n', output.TakeLast(60))}");
        }
        return await gatewayAnnounced.Task;
    }

    private static string Survivors(IEnumerable<(int Pid, string CommandLine)> processes) =>
        string.Join("; ", processes.Where(p => ProcessTree.IsAlive(p.Pid)).Select(p => $"{p.Pid} {p.CommandLine}"));

    private void Record(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
            if (line.StartsWith("Gateway:", StringComparison.Ordinal))
            {
                gatewayAnnounced.TrySetResult(new Uri(line["Gateway:".Length..].Trim()));
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
