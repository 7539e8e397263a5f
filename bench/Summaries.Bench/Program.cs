using System.Diagnostics;
using Dapper;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Fenghuo.AppHost;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Summaries;
using Fenghuo.Summaries.Apis;
using Fenghuo.Summaries.Bench;
using Fenghuo.Summaries.Data;
using Fenghuo.Summaries.Domain;
using Fenghuo.Summaries.Exports;
using Fenghuo.Testing.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

// ./build.sh bench-summaries [--tenants N] [--incidents N] [--postgres <admin connection string>]
// ./build.sh bench-summaries --projection [--events N] [--concurrency N] [--batched-only]
// Figures, not tests: each is printed with its target and the measured ratio.
if (args.FirstOrDefault() == LedgerStreamProcess.Flag)
{
    return await LedgerStreamProcess.RunAsync(args[1..]);
}
var tenants = Option("--tenants", 2000);
var projection = args.Contains("--projection");
var incidents = Option("--incidents", 1_000_000);
var postgresOption = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();
if (args.Contains("--help"))
{
    Console.WriteLine("usage: Fenghuo.Summaries.Bench [--tenants 2000] [--incidents 1000000] [--postgres <admin connection string>]");
    Console.WriteLine("       Fenghuo.Summaries.Bench --projection [--events 2000] [--concurrency 16] [--batched-only]   (what recording an event costs, one by one and in batches, or --batched-only in the service's batches alone; --concurrency: the raw insert's connections; always a private PostgreSQL)");
    return 0;
}

var dataDirectory = Path.Combine(Path.GetTempPath(), $"fenghuo-summaries-bench-{Environment.ProcessId}");
LocalPostgres? server = null;
try
{
    string admin;
    if (postgresOption is null || projection)
    {
        Say($"starting a private PostgreSQL in {dataDirectory}");
        server = await LocalPostgres.StartAsync(dataDirectory, 0, fresh: true, Say, CancellationToken.None,
            // The projection bench prints each statement's server time, those run in triggers included.
            ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all"]);
        admin = server.AdminConnectionString;
    }
    else
    {
        admin = postgresOption;
    }
    var database = await DatabaseProvisioner.ProvisionAsync(admin, "summariesbench", "fenghuo-bench", CancellationToken.None);
    var scripts = MigrationRunner.ScriptsIn(typeof(TenantDatabase).Assembly, "platform")
        .Concat(MigrationRunner.ScriptsIn(typeof(SummariesOptions).Assembly, "summaries"));
    await new MigrationRunner(NullLogger<MigrationRunner>.Instance)
        .ApplyAsync(database.MigrationsConnectionString, new NpgsqlConnectionStringBuilder(database.AppConnectionString).Username!, scripts, CancellationToken.None);
    if (projection)
    {
        // The server's CPU is read from its processes, so this phase needs a server of its own.
        return await new ProjectionBench(database.AppConnectionString,
            new NpgsqlConnectionStringBuilder(server!.AdminConnectionString) { Database = database.Name }.ConnectionString,
            new ServerCpu(dataDirectory), Option("--events", 2000), Option("--concurrency", 16), args.Contains("--batched-only")).RunAsync();
    }
    var adminOfDatabase = new NpgsqlConnectionStringBuilder(admin) { Database = database.Name, CommandTimeout = 0 }.ConnectionString;
    await using (var reset = new NpgsqlConnection(adminOfDatabase))
    {
        await reset.OpenAsync();
        await new NpgsqlCommand("truncate s_tenant, s_incident, s_clock, s_plan, s_incident_tally, s_clock_tally", reset).ExecuteNonQueryAsync();
    }

    var now = DateTimeOffset.UtcNow;
    var yearStart = Period.StartOf(new DateOnly(now.ShanghaiDate().Year, 1, 1));
    var province = new SyntheticProvince(tenants, incidents, yearStart);
    var load = Stopwatch.StartNew();
    Say($"loading {tenants:N0} tenants and {incidents:N0} incidents into the read model (COPY)");
    await province.LoadAsync(adminOfDatabase);
    Say($"loaded in {load.Elapsed.TotalSeconds:0.0} s");

    DapperTypeHandlers.Register();
    await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.AppConnectionString) { CommandTimeout = 0 }.ConnectionString);
    var tenantDatabase = new TenantDatabase(dataSource);
    var scope = new TenantScope("province", "province");
    var year = new Period(yearStart, yearStart.AddYears(1));
    var overviews = new OverviewStore();

    // The province overview as the endpoint makes it: the reads, the tree, the JSON.
    async Task<(TimeSpan Elapsed, OverviewView View)> OverviewOnceAsync(Period? over = null)
    {
        var watch = Stopwatch.StartNew();
        var period = over ?? year;
        var cover = TallyCover.Of(period);
        var rows = await tenantDatabase.InTransactionAsync(scope, session => overviews.ReadAsync(session, "province", period, cover, now,
            period.From, period.To, 10), CancellationToken.None);
        var view = Overview.Build(rows, "province", period, cover, now);
        await JsonSerializer.SerializeAsync(new CountingStream(), view, FenghuoJson.Options);
        return (watch.Elapsed, view);
    }

    var (_, warm) = await OverviewOnceAsync();
    Say($"overview: {warm.Root.Subtree.Incidents.Total:N0} real and {warm.Root.Subtree.Incidents.Drills:N0} drill incidents under {warm.Root.Children.Length} cities");
    var times = new List<double>();
    for (var i = 0; i < 5; i++)
    {
        times.Add((await OverviewOnceAsync()).Elapsed.TotalMilliseconds);
    }
    times.Sort();
    // Two months day by day: the day tallies and a daily series.
    var spring = new Period(Period.StartOf(new DateOnly(yearStart.ShanghaiDate().Year, 3, 1)), Period.StartOf(new DateOnly(yearStart.ShanghaiDate().Year, 5, 1)));
    var daily = new List<double>();
    for (var i = 0; i < 3; i++)
    {
        daily.Add((await OverviewOnceAsync(spring)).Elapsed.TotalMilliseconds);
    }
    daily.Sort();

    // For comparison in the same conditions: the former overview's read of the incident figures, a
    // group-by over every incident row of the subtree through row-level security.
    var former = Stopwatch.StartNew();
    var formerGroups = await tenantDatabase.InTransactionAsync(scope, session => session.Connection.ExecuteScalarAsync<long>("""
        select count(*) from (
            select tenant_code, exercise, grade, category, state, response_level, count(*)
            from s_incident where generation = (select generation from projection_state where id = 1) and tenant_path <@ 'province'::ltree
              and reported_at >= @From and reported_at < @To
            group by 1, 2, 3, 4, 5, 6) g
        """, new { year.From, year.To }, session.Transaction), CancellationToken.None);
    former.Stop();
    var benchResident = ResidentMemory.CurrentMegabytes();

    // The 1 M-row 台账 CSV as the endpoint streams it, in a process of its own (see LedgerStreamProcess).
    Say("streaming the 台账 CSV in a process of its own");
    var csvRun = await LedgerStreamProcess.MeasureAsync(database.AppConnectionString, "province", year.From, year.To);
    var rows = csvRun.Rows;

    var rate = rows / csvRun.Seconds;
    Console.WriteLine();
    Console.WriteLine($"Summaries bench — {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    Console.WriteLine($"Synthetic province: {tenants:N0} tenants, {incidents:N0} incidents (1 in 50 a drill), loaded by COPY in {load.Elapsed.TotalSeconds:0.0} s");
    Console.WriteLine("Measured on the service's own code (store, tree, JSON; store, CSV writer), without HTTP, tokens or the gateway; the CSV in a fresh process with the service's GC (Server GC).");
    Console.WriteLine();
    Console.WriteLine($"{"figure",-44} {"measured",14} {"target",12} {"ratio",8}");
    Figure("province overview, median of 5 (ms)", times[2], 2000, atMost: true);
    Figure("province overview, slowest of 5 (ms)", times[^1], 2000, atMost: true);
    Figure("province overview, 2 months by day (ms)", daily[1], 2000, atMost: true);
    Console.WriteLine($"  (same run: the former read of the incident figures alone, every incident row into {formerGroups:N0} groups, took {former.Elapsed.TotalMilliseconds:N0} ms)");
    Figure($"台账 CSV rows/s ({rows:N0} rows, {csvRun.Bytes / 1048576.0:0} MB)", rate, 50_000, atMost: false);
    Figure("peak RSS of the CSV's own process (MB)", csvRun.PeakResidentMegabytes, 300, atMost: true);
    Console.WriteLine($"  (that process held {csvRun.ResidentBeforeMegabytes:0} MB before the query; the service adds ASP.NET Core and the bus to it. The bench's own process,");
    Console.WriteLine($"   which loaded the province and read the overviews, held {benchResident:0} MB: what a peak measured in it would have started from)");
    return 0;
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}

static void Figure(string name, double measured, double target, bool atMost)
{
    var ratio = atMost ? target / measured : measured / target;
    var verdict = ratio >= 1 ? "meets" : "MISSES";
    Console.WriteLine($"{name,-44} {measured.ToString("N0", CultureInfo.InvariantCulture),14} {(atMost ? "≤ " : "≥ ") + target.ToString("N0", CultureInfo.InvariantCulture),12} {ratio,7:0.00}x {verdict}");
}

void Say(string message) => Console.Error.WriteLine($"[bench] {message}");

int Option(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
