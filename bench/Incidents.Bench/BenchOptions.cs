using System.Globalization;

namespace Fenghuo.Incidents.Bench;

/// <summary>The command line. Defaults keep one run to about four minutes on the 2-core build machine.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Usage: ./build.sh bench [options]
           or: dotnet bench/Incidents.Bench/bin/Release/net10.0/Fenghuo.Incidents.Bench.dll [options]

        Starts the whole platform (the AppHost's resource graph through Aspire.Hosting.Testing: fresh
        data, free gateway port, temporary data directory) and
        measures, in one run on this machine: the raw PostgreSQL insert rate; intake through the
        gateway (rate as a share of the raw rate, platform CPU per incident, latency); report-upward-
        to-visible-at-parent latency while intake runs at full rate; the same figures with 200
        onboarded counties reporting at once, and with follow-ups dominating; and the incidents-api's
        peak memory. Prints one table with the targets (ratios measured in the same run) beside the figures.

        Options:
          --clients <n>        concurrent clients for the raw insert and intake phases (default 16)
          --duration <s>       measured seconds of each of those phases (default 20)
          --count <n>          stop each of those phases after n measured operations instead
          --warmup <s>         unmeasured seconds before each load phase (default 20: long enough
                               for the JIT to have compiled the request path, so the phases
                               measure the platform warm; see the README)
          --samples <n>        report-to-visible samples, taken one after another while the
                               clients keep reporting (default 50)
          --tenants <n>        counties onboarded for the many-tenant phases (default 200; 0 skips them)
          --gateway <url>      use a platform that is already running instead of starting one
                               (its own rate limits then apply; demo password Fenghuo@dev1)
          --postgres <conn>    superuser connection string of the platform's PostgreSQL, for the raw
                               insert phase and the outbox and lock figures; default: the started
                               platform's own server; with --gateway and no --postgres, skipped
          --data-dir <path>    with --gateway: that AppHost's data directory, to tell its PostgreSQL
                               and RabbitMQ from other servers on the machine for the CPU figures
          --platform-log <path>
                               write everything the started platform printed to this file
          --runtime <NAME=VALUE>
                               an environment setting for the gateway and every service of the
                               started platform, e.g. DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0,
                               to compare a .NET runtime knob against the defaults; repeatable
          --help               show this text

        Exit code 0 when every phase ran without errors (missed targets are printed, not failed),
        1 on any error, 2 on a bad option.
        """;

    public int Clients { get; init; } = 16;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public int? Count { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(20);

    public int Samples { get; init; } = 50;

    public int Tenants { get; init; } = 200;

    public Uri? Gateway { get; init; }

    public string? Postgres { get; init; }

    public string? DataDirectory { get; init; }

    public string? PlatformLog { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Runtime { get; init; } = [];

    public bool ShowHelp { get; init; }

    /// <exception cref="ArgumentException">An unknown option or a malformed value.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            options = arg switch
            {
                "--clients" => options with { Clients = Positive(arg, ValueOf(args, ref i)) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(arg, ValueOf(args, ref i))) },
                "--count" => options with { Count = Positive(arg, ValueOf(args, ref i)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(NonNegative(arg, ValueOf(args, ref i))) },
                "--samples" => options with { Samples = Positive(arg, ValueOf(args, ref i)) },
                "--tenants" => options with { Tenants = NonNegative(arg, ValueOf(args, ref i)) },
                "--gateway" => options with { Gateway = AbsoluteUri(arg, ValueOf(args, ref i)) },
                "--postgres" => options with { Postgres = ValueOf(args, ref i) },
                "--data-dir" => options with { DataDirectory = ValueOf(args, ref i) },
                "--platform-log" => options with { PlatformLog = ValueOf(args, ref i) },
                "--runtime" => options with { Runtime = [.. options.Runtime, Setting(arg, ValueOf(args, ref i))] },
                "--help" or "-h" or "-?" => options with { ShowHelp = true },
                _ => throw new ArgumentException($"Unknown option '{arg}'."),
            };
        }

        return options;
    }

    private static string ValueOf(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} must be a whole number, not '{value}'.");

    private static KeyValuePair<string, string> Setting(string name, string value) =>
        value.IndexOf('=') is > 0 and var at
            ? KeyValuePair.Create(value[..at], value[(at + 1)..])
            : throw new ArgumentException($"{name} must be NAME=VALUE, not '{value}'.");

    private static Uri AbsoluteUri(string name, string value) =>
        Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException($"{name} must be an absolute URL, not '{value}'.");
}
