using System.Diagnostics;

namespace Fenghuo.Testing.Servers;

/// <summary>
/// A long-running process started through setsid, so it leads its own session and process group:
/// a signal to the group reaches everything it spawned, and a Ctrl-C in the terminal reaches only
/// the AppHost, which then stops things in order instead of all at once.
/// </summary>
internal sealed class ProcessGroup
{
    private readonly Process process;
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ProcessGroup(Process process) => this.process = process;

    /// <summary>Also the process group id: setsid makes the process its group's leader.</summary>
    public int Id { get; private set; }

    public bool HasExited => exited.Task.IsCompleted;

    public int ExitCode => process.ExitCode;

    /// <param name="environment">Changes to the inherited environment; a null value removes the variable.</param>
    public static ProcessGroup Start(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        Action<string> onLine)
    {
        var startInfo = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        ApplyEnvironment(startInfo, environment);

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var group = new ProcessGroup(process);
        process.OutputDataReceived += (_, e) => Forward(e.Data, onLine);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, onLine);
        // Exited fires when the process ends even if a daemon it forked still holds the output pipes.
        process.Exited += (_, _) => group.exited.TrySetResult();
        process.Start();
        group.Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Nothing reads a terminal: a closed stdin keeps children from waiting on input.
        process.StandardInput.Close();
        return group;
    }

    public static void ApplyEnvironment(ProcessStartInfo startInfo, IReadOnlyDictionary<string, string?> environment)
    {
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }
    }

    public async Task WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await exited.Task.WaitAsync(cancellationToken);
        // Give the last output lines a moment to arrive so they are echoed before the exit is reported.
        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await process.WaitForExitAsync(drain.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to the whole group, kills the group if the leader is still
    /// there after <paramref name="grace"/>, and sweeps up anything of the group that outlived it.
    /// </summary>
    public async Task StopAsync(int signal, TimeSpan grace)
    {
        if (!HasExited)
        {
            UnixProcess.SignalGroup(Id, signal);
        }

        await StopAfterAsync(grace);
    }

    /// <summary>For processes asked to stop by other means (pg_ctl, rabbitmqctl): waits, then kills.</summary>
    public async Task StopAfterAsync(TimeSpan grace)
    {
        if (!await WaitForExitAsync(grace))
        {
            UnixProcess.SignalGroup(Id, UnixProcess.SigKill);
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        UnixProcess.SignalGroup(Id, UnixProcess.SigKill);
    }

    private static void Forward(string? line, Action<string> onLine)
    {
        if (line is not null)
        {
            onLine(line);
        }
    }
}
