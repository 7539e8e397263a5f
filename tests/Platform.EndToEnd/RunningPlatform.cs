using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// The whole topology as a user starts it: the AppHost process with its own PostgreSQL, RabbitMQ,
/// services and gateway, in a throwaway data directory. Tests reach it through the gateway only.
/// </summary>
public sealed partial class RunningPlatform : IAsyncDisposable
{
    public const string DemoPassword = "Fenghuo@dev1";

    private readonly Process appHost;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningPlatform(Process appHost, string dataDirectory)
    {
        this.appHost = appHost;
        DataDirectory = dataDirectory;
    }

    public Uri Gateway { get; private set; } = null!;

    public string DataDirectory { get; }

    public int ProcessId => appHost.Id;

    public bool HasExited => appHost.HasExited;

    public IReadOnlyCollection<string> Output => output;

    public static async Task<RunningPlatform> StartAsync(IDictionary<string, string>? environment = null)
    {
        var root = RepositoryRoot();
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"fenghuo-e2e-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(root, "AppHost", "bin", BuildConfiguration(), "net10.0", "Fenghuo.AppHost.dll"));
        foreach (var argument in new[] { "--fresh", "--gateway-port", "0", "--data-dir", dataDirectory })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["Fenghuo__DemoPassword"] = DemoPassword;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var platform = new RunningPlatform(Process.Start(start)!, dataDirectory);
        platform.appHost.OutputDataReceived += (_, e) => platform.Record(e.Data);
        platform.appHost.ErrorDataReceived += (_, e) => platform.Record(e.Data);
        platform.appHost.BeginOutputReadLine();
        platform.appHost.BeginErrorReadLine();

        var exited = platform.appHost.WaitForExitAsync();
        var first = await Task.WhenAny(platform.ready.Task, exited, Task.Delay(TimeSpan.FromMinutes(4)));
        if (first != platform.ready.Task)
        {
            var tail = string.Join('\n', platform.output.TakeLast(60));
            await platform.DisposeAsync();
            throw new InvalidOperationException($"The platform did not become ready. Last output:\n{tail}");
        }
        platform.Gateway = platform.ready.Task.Result;
        return platform;
    }

    /// <summary>Stops the AppHost as Ctrl-C would and waits for it to exit.</summary>
    public async Task<int> InterruptAsync(TimeSpan within)
    {
        if (!appHost.HasExited)
        {
            Process.Start("kill", ["-INT", appHost.Id.ToString()])!.WaitForExit();
        }
        using var timeout = new CancellationTokenSource(within);
        await appHost.WaitForExitAsync(timeout.Token);
        return appHost.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!appHost.HasExited)
        {
            try
            {
                await InterruptAsync(TimeSpan.FromSeconds(60));
            }
            catch (OperationCanceledException)
            {
                appHost.Kill(entireProcessTree: true);
            }
        }
        appHost.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; the directory is under /tmp.
        }
        catch (UnauthorizedAccessException)
        {
            // PostgreSQL's files belong to the postgres user when the tests run as root.
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        output.Enqueue(line);
        var match = ReadyLine().Match(line);
        if (match.Success)
        {
            ready.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }

    // tests/Platform.EndToEnd/bin/<Configuration>/net10.0/ — the AppHost was built alongside, in the same configuration.
    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;

    [GeneratedRegex(@"FENGHUO READY gateway=(\S+)")]
    private static partial Regex ReadyLine();
}
