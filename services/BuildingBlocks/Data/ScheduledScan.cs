using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// A worker that looks at the service's clock (the injected TimeProvider, which tests move) every
/// interval and acts on what has come due. A failed scan is logged and the next one tries again,
/// so one bad row never stops the clock for every tenant.
/// </summary>
public abstract class ScheduledScan(TimeProvider time, TimeSpan interval, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    /// <summary>One look at the clock; returns how many things it acted on.</summary>
    public abstract Task<int> ScanAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Logger.LogWarning(e, "{Scan} failed; trying again in {Interval}", GetType().Name, interval);
            }
            await Task.Delay(interval, Time, stoppingToken);
        }
    }
}
