using System.Diagnostics;
using System.Net;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// What the AppHost promises an operator: a crashed service comes back by itself, and Ctrl-C
/// leaves nothing running. Uses its own platform, since it kills parts of it.
/// </summary>
public sealed class SupervisionTests : IAsyncLifetime
{
    private RunningPlatform platform = null!;

    public async Task InitializeAsync() => platform = await RunningPlatform.StartAsync();

    public Task DisposeAsync() => platform.DisposeAsync().AsTask();

    [Fact]
    public async Task A_killed_service_is_reported_and_brought_back_and_ctrl_c_leaves_no_process_behind()
    {
        using var gateway = new GatewayClient(platform.Gateway);
        var warnings = ProcessTree.DescendantsOf(platform.ProcessId).Single(p => p.CommandLine.Contains("Fenghuo.Warnings.dll"));

        Process.GetProcessById(warnings.Pid).Kill();

        var restarted = await RestartedAsync(gateway, warnings.Pid, TimeSpan.FromSeconds(90));
        Assert.True(restarted is not null, "warnings-api did not come back healthy");
        Assert.Contains(platform.Output, line => line.Contains("warnings-api") && line.Contains("exited"));

        var ours = ProcessTree.DescendantsOf(platform.ProcessId);
        Assert.Contains(ours, p => p.CommandLine.Contains("postgres"));
        Assert.Contains(ours, p => p.CommandLine.Contains("beam"));

        Assert.Equal(0, await platform.InterruptAsync(TimeSpan.FromSeconds(120)));
        await Task.Delay(500);
        var survivors = ours.Where(p => ProcessTree.IsAlive(p.Pid)).Select(p => $"{p.Pid} {p.CommandLine}").ToList();
        Assert.Empty(survivors);
    }

    /// <summary>The new process of the killed service, once it runs and the gateway is healthy again.</summary>
    private async Task<int?> RestartedAsync(GatewayClient gateway, int killedPid, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            await Task.Delay(500);
            var current = ProcessTree.DescendantsOf(platform.ProcessId).Where(p => p.CommandLine.Contains("Fenghuo.Warnings.dll")).ToList();
            if (current.Count == 1 && current[0].Pid != killedPid)
            {
                using var response = await gateway.Anonymous.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return current[0].Pid;
                }
            }
        }
        return null;
    }
}
