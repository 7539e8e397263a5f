using System.Runtime.InteropServices;

namespace Fenghuo.Testing.Servers;

/// <summary>Signals and liveness for processes this process did not necessarily start.</summary>
internal static class UnixProcess
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    // System.Diagnostics.Process can only kill; graceful stops need SIGTERM/SIGINT, and process
    // groups can only be signalled through kill(2) with a negative id.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "signal", SetLastError = true)]
    private static extern nint SetDisposition(int signal, nint handler);

    public static void Signal(int pid, int signal) => Kill(pid, signal);

    /// <summary>
    /// Undoes an inherited SIG_IGN (a shell starts background jobs with SIGINT ignored, and .NET
    /// then never delivers it), so SIGINT stops this process however it was started.
    /// </summary>
    public static void RestoreDefaultDisposition(int signal) => SetDisposition(signal, 0);

    public static void SignalGroup(int processGroupId, int signal) => Kill(-processGroupId, signal);

    /// <summary>Zombies count as gone: they hold no ports, files or memory any more.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = ReadProc(pid, "stat");
        if (stat.Length == 0)
        {
            return false;
        }

        // Format: "pid (comm) state ..."; comm may itself contain spaces and parentheses.
        var afterName = stat.LastIndexOf(')');
        return afterName < 0 || afterName + 2 >= stat.Length || stat[afterName + 2] != 'Z';
    }

    /// <summary>The arguments joined by spaces, or empty when the process is gone.</summary>
    public static string CommandLine(int pid) => ReadProc(pid, "cmdline").Replace('\0', ' ');

    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>Asks politely with <paramref name="signal"/>, then kills after <paramref name="grace"/>.</summary>
    public static async Task StopAsync(int pid, int signal, TimeSpan grace)
    {
        Signal(pid, signal);
        if (!await WaitForExitAsync(pid, grace))
        {
            Signal(pid, SigKill);
            await WaitForExitAsync(pid, TimeSpan.FromSeconds(10));
        }
    }

    private static string ReadProc(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
