using System.Runtime.InteropServices;
using Fenghuo.AppHost.Resources;

namespace Fenghuo.AppHost.Orchestration;

/// <summary>
/// Ctrl-C, SIGTERM and SIGHUP become one cancellation, so the AppHost stops its children and
/// servers in order instead of being killed with them still running.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource requested = new();
    private readonly PosixSignalRegistration[] registrations;

    public ShutdownSignal()
    {
        UnixProcess.RestoreDefaultDisposition(UnixProcess.SigInt);
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal),
        ];
    }

    public CancellationToken Token => requested.Token;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        requested.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Repeated signals are swallowed too: dying half-way through the shutdown would orphan servers.
        context.Cancel = true;
        requested.Cancel();
    }
}
