using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace Fenghuo.Summaries.Bench;

/// <summary>
/// The server's time in each statement during a phase, from pg_stat_statements (the private server
/// loads it, nested statements in functions and triggers tracked): per event and per call. Time per
/// call is the server's own, so it says what a statement costs even when the machine is shared,
/// which the rate does not.
/// </summary>
public sealed partial class StatementTimes(string adminConnectionString)
{
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.ExecuteAsync("create extension if not exists pg_stat_statements; select pg_stat_statements_reset(); select pg_stat_reset()");
    }

    /// <summary>The <paramref name="count"/> statements that took the most time since the reset, as lines.</summary>
    public async Task<IReadOnlyList<string>> TopAsync(int events, int count)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        var rows = await connection.QueryAsync<(bool TopLevel, long Calls, double TotalMs, string Query)>("""
            select toplevel, calls, total_exec_time, query from pg_stat_statements
            where dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat_statements%'
            order by total_exec_time desc limit @Count
            """, new { Count = count });
        // Row updates that found room on their page and touched no index (HOT), which the tallies' fillfactor is for;
        // counted as the backends report them (at most a second late), so the last batch's may be missing.
        var tables = await connection.QueryAsync<(string Name, long Updated, long Hot)>("""
            select relname, n_tup_upd, n_tup_hot_upd from pg_stat_user_tables
            where relname in ('s_incident', 's_clock', 's_incident_tally', 's_clock_tally') and n_tup_upd > 0 order by relname
            """);
        return [.. rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.TotalMs / events,7:0.000} ms {(double)r.Calls / events,5:0.00}× {r.TotalMs / Math.Max(r.Calls, 1),8:0.000} ms/call {(r.TopLevel ? " " : "↳")} {Shorten(r.Query)}")),
            $"row updates, of them HOT: {string.Join(", ", tables.Select(t => $"{t.Name} {t.Updated} ({t.Hot})"))}"];
    }

    private static string Shorten(string query)
    {
        var line = Whitespace().Replace(query, " ").Trim();
        return line.Length <= 80 ? line : line[..79] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
