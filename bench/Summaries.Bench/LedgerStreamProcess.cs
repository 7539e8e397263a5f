using System.Diagnostics;
using System.Text.Json;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Summaries.Data;
using Fenghuo.Summaries.Exports;
using Npgsql;

namespace Fenghuo.Summaries.Bench;

/// <summary>What streaming the 台账 CSV took, measured inside the process that did nothing else.</summary>
public sealed record LedgerStreamFigures(long Rows, long Bytes, double Seconds, double ResidentBeforeMegabytes, double PeakResidentMegabytes);

/// <summary>
/// The 台账 CSV streamed in a process of its own, started for it: its peak resident memory (VmHWM,
/// never reset) is then the stream's and the runtime's, not what loading the province or reading the
/// overview left behind in the bench's process. The child runs with the service's GC settings (Server
/// GC, as the Web SDK gives the service), since the bench project declares the same.
/// </summary>
public static class LedgerStreamProcess
{
    public const string Flag = "--stream-ledger";

    public static async Task<LedgerStreamFigures> MeasureAsync(string appConnectionString, string root, DateTimeOffset from, DateTimeOffset to)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LedgerStreamProcess).Assembly.Location);
        }
        foreach (var argument in new[] { Flag, appConnectionString, root, from.ToString("O"), to.ToString("O") })
        {
            start.ArgumentList.Add(argument);
        }
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"the ledger stream process exited with {child.ExitCode}: {output}");
        }
        return JsonSerializer.Deserialize<LedgerStreamFigures>(output.Trim().Split('\n')[^1])!;
    }

    /// <summary>The child's work: the endpoint's own store, rows and CSV writer, into a body that only counts bytes.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (connectionString, root, from, to) = (args[0], args[1], DateTimeOffset.Parse(args[2]), DateTimeOffset.Parse(args[3]));
        DapperTypeHandlers.Register();
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        var database = new TenantDatabase(dataSource);
        var body = new CountingStream();
        long rows = 0;
        var before = ResidentMemory.CurrentMegabytes();
        var watch = Stopwatch.StartNew();
        await database.InTransactionAsync(new TenantScope(root, root), async session =>
        {
            await using var csv = new CsvWriter(body);
            await csv.WriteAsync(LedgerExport.Headers, Counted(LedgerExport.Rows(new LedgerStore().StreamAsync(session, root, from, to))), CancellationToken.None);
        }, CancellationToken.None);
        watch.Stop();
        Console.WriteLine(JsonSerializer.Serialize(new LedgerStreamFigures(rows, body.Written, watch.Elapsed.TotalSeconds, before, ResidentMemory.PeakMegabytes())));
        return 0;

        async IAsyncEnumerable<IReadOnlyList<object?>> Counted(IAsyncEnumerable<IReadOnlyList<object?>> source)
        {
            await foreach (var row in source)
            {
                rows++;
                yield return row;
            }
        }
    }
}
