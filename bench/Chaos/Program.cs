using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Fenghuo.Chaos;
using Fenghuo.Platform.EndToEnd;

// ./build.sh chaos [--short]: the whole platform under steady intake while its parts are killed one at a
// time; afterwards the databases say whether anything answered 2xx was lost or doubled.
var quick = args.Contains("--short");
Console.WriteLine("starting the platform (AppHost resource graph, private PostgreSQL and RabbitMQ)…");
// The run judges losses and recoveries, not how fast a cold platform starts: on a build machine other
// sessions load to 100+, a start takes longer than the end-to-end tests' limit, and giving up then answers nothing.
await using var platform = await RunningPlatform.StartAsync(startTimeout: TimeSpan.FromMinutes(20));
using var gateway = new GatewayClient(platform.Gateway);
var load = new SteadyLoad(gateway);
await load.LoginAsync();
var faults = new Faults(platform);
var settle = TimeSpan.FromSeconds(quick ? 5 : 15);

Fault[] plan =
[
    new("RabbitMQ SIGKILL, back after 20 s", ct => faults.KillAndRestartAsync("rabbitmq", TimeSpan.FromSeconds(20), ct)),
    new("PostgreSQL SIGKILL, restarted", ct => faults.KillAndRestartAsync("postgres", TimeSpan.FromSeconds(5), ct)),
    new("incidents-api SIGKILL mid-request", ct => faults.KillAndRestartAsync("incidents-api", TimeSpan.Zero, ct)),
    new("notifications-api SIGKILL (consumer)", ct => faults.KillAndRestartAsync("notifications-api", TimeSpan.FromSeconds(5), ct)),
];

using var stop = new CancellationTokenSource();
var loadStarted = DateTimeOffset.UtcNow;
load.Phase = "steady (before faults)";
var running = load.RunAsync(stop.Token);
await Task.Delay(settle);
var recoveries = new Dictionary<string, TimeSpan>();
foreach (var fault in plan.Take(quick ? 2 : plan.Length))
{
    Console.WriteLine($"fault: {fault.Name}");
    load.Phase = fault.Name;
    var clock = Stopwatch.StartNew();
    using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
    await fault.Inject(limit.Token);
    await load.FirstAcceptedAfterAsync(DateTimeOffset.UtcNow, limit.Token);
    recoveries[fault.Name] = clock.Elapsed;
    load.Phase = $"steady (after {fault.Name})";
    await Task.Delay(settle);
}
await stop.CancelAsync();
await running;

Console.WriteLine("load stopped; waiting for every outbox to drain…");
var databases = new Ledger(await platform.ConnectionStringAsync("postgres") ?? throw new InvalidOperationException("no PostgreSQL"));
var drained = await databases.WaitForDrainedOutboxesAsync(TimeSpan.FromMinutes(3));
Console.WriteLine("waiting for every consumer to apply what was sent…");
var consumersWait = Stopwatch.StartNew();
var caughtUp = await databases.WaitForConsumersAsync(loadStarted, TimeSpan.FromMinutes(5));
Console.WriteLine($"consumers {(caughtUp ? "caught up" : "NOT caught up")} {consumersWait.Elapsed.TotalSeconds:F0} s after the outboxes drained");
var checks = await databases.CheckAsync(load.Outcomes, loadStarted);

Console.WriteLine();
var phases = load.Outcomes.Select(o => o.Phase).Distinct().ToList();
var width = phases.Append("fault").Max(p => p.Length);
Console.WriteLine($"{"fault".PadRight(width)} {"requests",9} {"accepted",9} {"lost",5} {"duplicated",11} {"time to recover",16}");
foreach (var phase in phases)
{
    var outcomes = load.Outcomes.Where(o => o.Phase == phase).ToList();
    var recovery = recoveries.TryGetValue(phase, out var t) ? $"{t.TotalSeconds:F1} s" : "—";
    Console.WriteLine($"{phase.PadRight(width)} {outcomes.Count,9} {outcomes.Count(o => o.Accepted),9} "
        + $"{checks.Lost.Count(l => l.Phase == phase),5} {checks.Duplicated.Count(d => d.Phase == phase),11} {recovery,16}");
}
Console.WriteLine();
Console.WriteLine($"outbox backlog after the run: {(drained ? "none" : "NOT DRAINED")}");
Console.WriteLine("events sent since the load began, as each consumer's inbox holds them:");
foreach (var line in checks.Inboxes)
{
    Console.WriteLine(line);
}
Console.WriteLine($"deadlines past due and still unmarked: {checks.UnmarkedDeadlines}");
var failed = checks.Lost.Count + checks.Duplicated.Count + checks.UnmarkedDeadlines + checks.InboxGaps > 0 || !drained;
foreach (var problem in checks.Lost.Select(l => $"lost: {l}").Concat(checks.Duplicated.Select(d => $"duplicated: {d}")).Take(20))
{
    Console.WriteLine(problem);
}
Console.WriteLine(failed ? "FAILED: see the lines above" : "every accepted request exists exactly once, every event reached every consumer of it once, nothing is left unsent or unmarked");
return failed ? 1 : 0;

namespace Fenghuo.Chaos
{
    internal sealed record Fault(string Name, Func<CancellationToken, Task> Inject);

    /// <summary>Kills a resource's processes the way a crash or the OOM killer does, and has Aspire start it again.</summary>
    internal sealed class Faults(RunningPlatform platform)
    {
        public async Task KillAndRestartAsync(string resource, TimeSpan down, CancellationToken ct)
        {
            var pid = platform.ProcessIdOf(resource) ?? throw new InvalidOperationException($"{resource} has no process");
            var tree = ProcessTree.DescendantsOf(pid).Select(p => p.Pid).Prepend(pid).ToList();
            foreach (var process in tree)
            {
                try
                {
                    // Process.Kill is SIGKILL on Linux: no shutdown hook runs.
                    Process.GetProcessById(process).Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone with its parent.
                }
            }
            await WaitUntilAsync(() => tree.All(p => !ProcessTree.IsAlive(p)), ct);
            await Task.Delay(down, ct);
            // Aspire notices the exit a moment later; until then the start command is not offered.
            while (true)
            {
                var started = await platform.CommandAsync(resource, KnownResourceCommands.StartCommand, ct);
                if (started.Success)
                {
                    break;
                }
                await Task.Delay(500, ct);
            }
            await platform.WaitUntilHealthyAsync(resource, ct);
        }

        private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
        {
            while (!condition())
            {
                await Task.Delay(100, ct);
            }
        }
    }
}
