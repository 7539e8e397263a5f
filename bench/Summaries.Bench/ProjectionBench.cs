using Stopwatch = System.Diagnostics.Stopwatch;
using Process = System.Diagnostics.Process;
using System.Globalization;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Summaries.Extensions;
using Fenghuo.Summaries.Messaging;
using Fenghuo.Summaries.Projection;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Fenghuo.Summaries.Bench;

/// <summary>
/// What recording an incident event costs: the service's own recorders (inbox, log, projection, tally
/// triggers) under MassTransit's consume pipeline and retry policy, on an in-memory transport so the
/// broker's cost stays out, against a private PostgreSQL whose every process is the bench's. Each phase
/// runs twice, the recorders taking one event per transaction and then the service's batches, and
/// prints the server's and the consumer process's CPU per event and the rate of both, their ratio, and
/// the server's CPU divided by a raw single-row insert's measured in the same run.
/// </summary>
public sealed class ProjectionBench(string appConnectionString, string adminConnectionString, ServerCpu server, int events, int concurrency, bool batchedOnly)
{
    private const int Counties = 30;

    /// <summary>The full bench's many-county phase: a batch then touches a tally row per county, day and month.</summary>
    private const int ManyCounties = 200;

    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;

    private readonly StatementTimes statements = new(adminConnectionString);

    public async Task<int> RunAsync()
    {
        DapperTypeHandlers.Register();
        // The connection options the service runs with (prepared statements, no reset on reuse).
        var connection = DatabaseExtensions.ConnectionOptions(appConnectionString, "summaries");
        await using var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        var raw = await RawInsertsAsync();
        // The same events' kinds and counties through the same code, one event per transaction and then in
        // the service's batches, so the ratio between the two is measured in one run on one server.
        var batched = new SummariesOptions();
        var modes = new[] { ("one by one", new SummariesOptions { RecordingBatch = 1 }), ($"batches of {batched.RecordingBatch}", batched) }
            .Skip(batchedOnly ? 1 : 0);
        var results = new List<(string Mode, List<Phase> Phases, long Faults)>();
        foreach (var (mode, options) in modes)
        {
            var (phases, faults) = await RecordAsync(dataSource, mode, options);
            results.Add((mode, phases, faults));
        }

        Console.WriteLine();
        Console.WriteLine($"Summaries projection bench — {Environment.ProcessorCount} cores, in-memory transport, private PostgreSQL; one by one vs batches, same run");
        Console.WriteLine($"raw single-row insert (same server, {concurrency} connections): {raw.PerSecond:N0}/s, postgres {raw.ServerMs:0.000} ms CPU each");
        Console.WriteLine();
        Console.WriteLine($"{"phase",-52} {"recorded",-14} {"events",7} {"events/s",9} {"pg ms/ev",9} {"svc ms/ev",10} {"pg ÷ raw",9} {"rate ÷ raw",11}");
        for (var i = 0; i < results[0].Phases.Count; i++)
        {
            foreach (var (mode, phases, _) in results)
            {
                var p = phases[i];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{p.Name,-52} {mode,-14} {p.Events,7} {p.PerSecond,9:N0} {p.ServerMs,9:0.000} {p.ProcessMs,10:0.000} {p.ServerMs / raw.ServerMs,8:0.0}x {p.PerSecond / raw.PerSecond,10:0.000}"));
            }
            if (results.Count == 1)
            {
                continue;
            }
            var (one, many) = (results[0].Phases[i], results[^1].Phases[i]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"",-52} {"batched ÷ one",-14} {"",7} {many.PerSecond / one.PerSecond,8:0.00}x {many.ServerMs / one.ServerMs,8:0.00}x {many.ProcessMs / one.ProcessMs,9:0.00}x"));
        }
        Console.WriteLine("pg ms/ev: CPU of every PostgreSQL process per event; svc ms/ev: the consuming process (consumers, MassTransit, the in-memory publish).");
        Console.WriteLine();
        Console.WriteLine("Server time by statement (pg_stat_statements; per event: ms, calls; ms per call; ↳ nested in a function or trigger):");
        for (var i = 0; i < results[0].Phases.Count; i++)
        {
            foreach (var (mode, phases, _) in results)
            {
                Console.WriteLine($"{phases[i].Name}, {mode}:");
                foreach (var line in phases[i].Statements)
                {
                    Console.WriteLine($"  {line}");
                }
            }
        }
        Console.WriteLine($"attempts that failed and were retried by the consumers' policy: {string.Join(", ", results.Select(r => $"{r.Mode} {r.Faults}"))}");
        return 0;
    }

    private async Task<(List<Phase> Phases, long Faults)> RecordAsync(NpgsqlDataSource dataSource, string mode, SummariesOptions options)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(dataSource)
            .AddSingleton(options)
            .AddSingleton<TenantDatabase>()
            .AddSingleton<EventLog>()
            .AddSingleton<ReadModelProjector>()
            .AddSingleton<ReadModel>();
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.AddRecorder<IncidentReportedRecorder>();
            bus.AddRecorder<IncidentAssessedRecorder>();
            bus.AddRecorder<ResponseStartedRecorder>();
            bus.AddRecorder<EscalationAcknowledgedRecorder>();
            bus.AddRecorder<FollowUpAddedRecorder>();
            // Each recorder's endpoint holds as many messages as its batch takes (RecordingConsumerDefinition).
            bus.UsingInMemory((context, memory) => memory.ConfigureEndpoints(context));
        });
        await using var provider = services.BuildServiceProvider();
        var control = provider.GetRequiredService<IBusControl>();
        var consumed = new Consumed();
        control.ConnectConsumeObserver(consumed);
        await control.StartAsync();
        try
        {
            var spread = Reports(Enumerable.Range(0, events).Select(i => $"county{i % Counties}"));
            return ([
                await PhaseAsync($"IncidentReported, {Counties} counties", mode, control, consumed, spread),
                await PhaseAsync($"IncidentReported, {ManyCounties} counties", mode, control, consumed,
                    Reports(Enumerable.Range(0, events).Select(i => $"county{i % ManyCounties}"))),
                await PhaseAsync("IncidentReported, one county's burst", mode, control, consumed, Reports(Enumerable.Repeat("county0", events))),
                await PhaseAsync("follow-ups of those (assessed, response, ack, 续报)", mode, control, consumed, spread.SelectMany(FollowUps).ToList()),
            ], consumed.Faults);
        }
        finally
        {
            await control.StopAsync();
        }
    }

    private sealed record Phase(string Name, int Events, double PerSecond, double ServerMs, double ProcessMs, IReadOnlyList<string> Statements);

    private async Task<Phase> RawInsertsAsync()
    {
        await using var admin = NpgsqlDataSource.Create(adminConnectionString);
        await using (var connection = await admin.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("create table if not exists bench_raw (id uuid primary key, at timestamptz not null, body text not null)");
        }
        // Four times the events of a phase: long enough for the server's CPU ticks to be counted well.
        var inserts = events * 4;
        var next = 0;
        var (elapsed, serverSeconds, processSeconds) = await MeasureAsync(() => Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= inserts)
            {
                await using var connection = await admin.OpenConnectionAsync();
                await connection.ExecuteAsync("insert into bench_raw (id, at, body) values (@Id, @At, @Body)",
                    new { Id = Guid.CreateVersion7(), At = now, Body = "raw" });
            }
        })));
        return new Phase("raw", inserts, inserts / elapsed, serverSeconds * 1000 / inserts, processSeconds * 1000 / inserts, []);
    }

    private async Task<Phase> PhaseAsync(string name, string mode, IBus bus, Consumed consumed, IReadOnlyList<IncidentEvent> batch)
    {
        Console.Error.WriteLine($"[bench] {name}, {mode}: {batch.Count:N0} events");
        await statements.ResetAsync();
        var (elapsed, serverSeconds, processSeconds) = await MeasureAsync(async () =>
        {
            var target = consumed.Count + batch.Count;
            foreach (var message in batch)
            {
                await bus.Publish((object)message);
            }
            await consumed.UntilAsync(target);
        });
        return new Phase(name, batch.Count, batch.Count / elapsed, serverSeconds * 1000 / batch.Count, processSeconds * 1000 / batch.Count,
            await statements.TopAsync(batch.Count, 10));
    }

    private async Task<(double Elapsed, double ServerSeconds, double ProcessSeconds)> MeasureAsync(Func<Task> work)
    {
        var process = Process.GetCurrentProcess();
        var serverBefore = server.Sample();
        var processBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await work();
        watch.Stop();
        process.Refresh();
        return (watch.Elapsed.TotalSeconds, ServerCpu.Between(serverBefore, server.Sample()), (process.TotalProcessorTime - processBefore).TotalSeconds);
    }

    private List<IncidentEvent> Reports(IEnumerable<string> counties) =>
        counties.Select((county, i) => (IncidentEvent)new IncidentReported(1, (Grade)(i % 4), i % 2 == 0 ? "network_attack" : "malware", null, now.AddMinutes(-30), $"{county}.reporter")
        {
            OccurredAt = now, TenantCode = county, TenantPath = $"province.city{i % 3}.{county}",
            IncidentId = Guid.CreateVersion7(), Number = $"{county}-{i}", ReportUpwardDueAt = now.AddHours(1),
        }).ToList();

    private IEnumerable<IncidentEvent> FollowUps(IncidentEvent reported)
    {
        IncidentEvent Header(IncidentEvent e, int minutes) => e with
        {
            OccurredAt = now.AddMinutes(minutes), TenantCode = reported.TenantCode, TenantPath = reported.TenantPath,
            IncidentId = reported.IncidentId, Number = reported.Number,
        };
        yield return Header(new IncidentAssessed(AssessmentOutcome.Confirmed, Grade.Major, false, "II", "assessor") { ReportUpwardDueAt = now.AddHours(1) }, 5);
        yield return Header(new ResponseStarted("II", reported.TenantCode, "commander"), 10);
        yield return Header(new EscalationAcknowledged("city0", "city0.duty"), 12);
        yield return Header(new FollowUpAdded(FollowUpKind.Progress, "续报", "reporter", reported.TenantCode), 20);
    }

    /// <summary>Counts messages the consumers finished, so a phase knows when its last event is in.</summary>
    private sealed class Consumed : IConsumeObserver
    {
        private readonly Lock gate = new();
        private long count;
        private (long Target, TaskCompletionSource Done)? waiting;

        public long Count => Interlocked.Read(ref count);

        public long Faults { get; private set; }

        public async Task UntilAsync(long target)
        {
            TaskCompletionSource done;
            lock (gate)
            {
                done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting = (target, done);
                if (count >= target)
                {
                    return;
                }
            }
            await done.Task;
        }

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is not IIntegrationEvent)
            {
                return Task.CompletedTask;
            }
            lock (gate)
            {
                count++;
                if (waiting is { } w && count >= w.Target)
                {
                    w.Done.TrySetResult();
                }
            }
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            Faults++;
            Console.Error.WriteLine($"[bench] fault (retried by the policy): {exception.GetType().Name}: {exception.Message}");
            return Task.CompletedTask;
        }
    }
}
