using System.Diagnostics;

namespace Fenghuo.Testing;

/// <summary>
/// Starts a built service as the AppHost does — `dotnet Fenghuo.X.dll` in its project directory —
/// in a chosen environment, for checks that must hold before the service takes a request.
/// </summary>
public static class ServiceStart
{
    public sealed record Outcome(int? ExitCode, string Output);

    /// <summary>Runs until the process exits or <paramref name="within"/> passes (then it is stopped and ExitCode is null).</summary>
    public static async Task<Outcome> RunAsync(string projectDirectory, string assembly, IDictionary<string, string> environment, TimeSpan within)
    {
        var root = RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(root, projectDirectory),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(root, projectDirectory, "bin", configuration, "net10.0", assembly));
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Outcome(null, await stdout + await stderr);
        }
        return new Outcome(process.ExitCode, await stdout + await stderr);
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
        throw new InvalidOperationException("Platform.sln not found above the test output.");
    }
}
