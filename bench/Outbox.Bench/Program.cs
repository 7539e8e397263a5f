using System.Diagnostics;
using System.Globalization;
using Fenghuo.AppHost;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Outbox.Bench;
using Fenghuo.Testing.Servers;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// ./build.sh bench-outbox [--backlog 20000] [--baseline 2000] [--rounds 3]
// Figures, not tests: the relay's drain rate from a backlog, as a ratio to publishing one message at a
// time and awaiting its confirm (what the relay did before it pipelined), both measured in this run.
if (args.Contains("--help"))
{
    Console.WriteLine("usage: Fenghuo.Outbox.Bench [--backlog 20000] [--baseline 2000] [--rounds 3]");
    return 0;
}
var backlog = Option("--backlog", 20_000);
var baseline = Option("--baseline", 2_000);
var rounds = Option("--rounds", 3);
const string Service = "outboxbench";

var root = Path.Combine(Path.GetTempPath(), $"fenghuo-outbox-bench-{Environment.ProcessId}");
Say($"starting a private PostgreSQL and RabbitMQ in {root}");
var postgresTask = LocalPostgres.StartAsync(Path.Combine(root, "postgres"), 0, fresh: true, Say, CancellationToken.None);
var rabbitTask = LocalRabbitMq.StartAsync(Path.Combine(root, "rabbitmq"), 0, fresh: true, Say, CancellationToken.None);
await using var postgres = await postgresTask;
await using var rabbit = await rabbitTask;

var database = await DatabaseProvisioner.ProvisionAsync(postgres.AdminConnectionString, Service, "fenghuo-bench", CancellationToken.None);
var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    [$"ConnectionStrings:{Service}db"] = database.AppConnectionString,
    [$"ConnectionStrings:{Service}db-migrations"] = database.MigrationsConnectionString,
    ["ConnectionStrings:rabbitmq"] = rabbit.ConnectionString,
});
builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(TimeProvider.System);
builder.AddServiceDatabase(Service);
// No consumers: the broker's side is a durable queue the bench binds and reads back.
builder.AddServiceMessaging(Service, _ => { });
using var host = builder.Build();
await host.StartAsync();
await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(120));

var outbox = new Backlog(database.MigrationsConnectionString);
await using var sink = await Sink.BindAsync(rabbit.ConnectionString);

// Warm-up: the relay's and the bus's code compiled, the event's exchange declared and bound to the sink.
Say("warm-up: 2,000 events through the relay");
await outbox.DrainAsync(await outbox.RecordAsync(2_000));
await sink.PurgeAsync();

Say($"one at a time: {baseline:N0} events published, each confirm awaited before the next");
var bus = host.Services.GetRequiredService<IBus>();
var oneAtATime = Stopwatch.StartNew();
for (var i = 0; i < baseline; i++)
{
    var message = Backlog.NewEvent();
    await bus.Publish(message, context =>
    {
        context.MessageId = message.EventId;
        context.Durable = true;
    });
}
var baselineRate = baseline / oneAtATime.Elapsed.TotalSeconds;
var baselineArrived = await sink.PurgeAsync();

var drains = new List<Drain>();
for (var round = 1; round <= rounds; round++)
{
    Say($"round {round}: {backlog:N0} events recorded in one transaction, then drained by the relay");
    var drain = await outbox.DrainAsync(await outbox.RecordAsync(backlog));
    drains.Add(drain with { Arrived = await sink.PurgeAsync() });
}

await host.StopAsync();

var median = drains.OrderBy(d => d.Rate).ElementAt(drains.Count / 2);
Console.WriteLine();
Console.WriteLine($"| figure | measured |");
Console.WriteLine($"|---|---|");
Console.WriteLine($"| one at a time (publish, await its confirm, next) | {baselineRate:N0} /s ({baselineArrived:N0} of {baseline:N0} in the queue) |");
foreach (var (drain, round) in drains.Select((d, i) => (d, i + 1)))
{
    Console.WriteLine($"| relay drain, round {round}: {backlog:N0} rows | {drain.Rate:N0} /s, all sent after {drain.Elapsed.TotalSeconds:N1} s ({drain.Arrived:N0} in the queue) |");
}
Console.WriteLine($"| relay drain (median) / one at a time | {median.Rate / baselineRate:N1}× |");
Console.WriteLine($"| the quiet bench's backlog after intake stopped (20,281 rows) at the median rate | {20_281 / median.Rate:N1} s |");
var lost = drains.Any(d => d.Arrived < backlog) || baselineArrived < baseline;
Console.WriteLine(lost ? "MISSING: the queue received fewer messages than were published" : "every message reached the queue");
return lost ? 1 : 0;

int Option(string name, int fallback)
{
    var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
}

static void Say(string message) => Console.Error.WriteLine($"[bench] {message}");
