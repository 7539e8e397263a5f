using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// What each statement cost the server during a load phase, from pg_stat_statements: calls and execution
/// time per operation, across every database of the platform (the consumers' and the relay's included).
/// Time is the server's wall time in the statement, so on a busy machine it includes waiting for the CPU;
/// the calls per operation and the ranking are what to compare across runs.
/// </summary>
internal sealed partial class StatementCosts
{
    private readonly string admin;

    private StatementCosts(string admin) => this.admin = admin;

    /// <summary>Null when the server does not load pg_stat_statements (a server the AppHost did not start).</summary>
    public static async Task<StatementCosts?> StartAsync(string adminConnectionString)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using (var loaded = new NpgsqlCommand("select 'pg_stat_statements' = any(string_to_array(current_setting('shared_preload_libraries'), ','))", connection))
        {
            if (await loaded.ExecuteScalarAsync() is not true)
            {
                return null;
            }
        }

        await using var reset = new NpgsqlCommand("create extension if not exists pg_stat_statements; select pg_stat_statements_reset();", connection);
        await reset.ExecuteNonQueryAsync();
        return new StatementCosts(adminConnectionString);
    }

    /// <summary>The statements that took the most time since the start, most first.</summary>
    public async Task<IReadOnlyList<StatementCost>> TopAsync(int count)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select d.datname, s.toplevel, s.calls, s.total_exec_time, s.rows, s.query
            from pg_stat_statements s join pg_database d on d.oid = s.dbid
            order by s.total_exec_time desc limit $1
            """, connection)
        {
            Parameters = { new NpgsqlParameter<int> { TypedValue = count } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        var top = new List<StatementCost>(count);
        while (await reader.ReadAsync())
        {
            top.Add(new StatementCost(
                reader.GetString(0), reader.GetBoolean(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetInt64(4),
                Whitespace().Replace(reader.GetString(5), " ")));
        }

        return top;
    }

    /// <summary>The total execution time of every statement since the start, nested ones not counted twice.</summary>
    public async Task<double> TotalMsAsync()
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce(sum(total_exec_time), 0) from pg_stat_statements where toplevel", connection);
        return (double)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Statements each database ran since the start, the client's own (top level) apart from those run
    /// inside functions and triggers: each costs the server a fixed parse, plan and protocol overhead
    /// whatever it does, so the count per operation is a figure the code sets, not the machine.
    /// </summary>
    public async Task<IReadOnlyList<(string Database, long TopLevel, long Nested)>> CallsByDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select d.datname, coalesce(sum(s.calls) filter (where s.toplevel), 0)::bigint, coalesce(sum(s.calls) filter (where not s.toplevel), 0)::bigint
            from pg_stat_statements s join pg_database d on d.oid = s.dbid
            group by d.datname order by 2 desc
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var calls = new List<(string, long, long)>();
        while (await reader.ReadAsync())
        {
            calls.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return calls;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

internal sealed record StatementCost(string Database, bool TopLevel, long Calls, double TotalMs, long Rows, string Query)
{
    public string Describe(long operations, int width) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{TotalMs / operations,6:0.000} ms {(double)Calls / operations,5:0.00}× {TotalMs / Math.Max(Calls, 1),7:0.000} ms  {Database,-16} {(TopLevel ? " " : "↳")} {Shorten(Query, width)}");

    private static string Shorten(string query, int width) => query.Length <= width ? query : query[..(width - 1)] + "…";
}
