using System.Text.RegularExpressions;
using Fenghuo.AppHost.Resources;
using Npgsql;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// The PostgreSQL server the started platform runs on. The AppHost prints it in its resource table
/// ("postgres  tcp://127.0.0.1:PORT  Running"); its superuser has the development password. When
/// ConnectionStrings__postgres was set, the AppHost used that server instead, and so does this.
/// </summary>
internal static partial class PlatformPostgres
{
    public static string AdminConnectionString(IEnumerable<string> appHostOutput)
    {
        if (Environment.GetEnvironmentVariable("ConnectionStrings__postgres") is { Length: > 0 } external)
        {
            return external;
        }

        var row = appHostOutput.Select(line => TableRow().Match(line)).LastOrDefault(m => m.Success)
            ?? throw new InvalidOperationException("The AppHost printed no postgres row in its resource table.");
        return new NpgsqlConnectionStringBuilder
        {
            Host = row.Groups["host"].Value,
            Port = int.Parse(row.Groups["port"].Value),
            Username = "postgres",
            Password = DevelopmentDefaults.DatabasePassword,
            Database = "postgres",
        }.ConnectionString;
    }

    [GeneratedRegex(@"^postgres\s+tcp://(?<host>[^:\s]+):(?<port>\d+)\s+Running\b")]
    private static partial Regex TableRow();
}
