using System.Text.RegularExpressions;
using Npgsql;

namespace Fenghuo.AppHost;

/// <summary>
/// A service's own database <c>&lt;service&gt;db</c> and how the service reaches it: as
/// <c>&lt;service&gt;_app</c>, which owns nothing, so the row-level security the migrations FORCE
/// applies to it; migrations connect as <c>&lt;service&gt;_owner</c>.
/// </summary>
public sealed record ServiceDatabase(string Name, string Owner, string App, string AppConnectionString, string MigrationsConnectionString);

/// <summary>
/// Creates a service's database and roles, or puts them right: safe to run on every start. The AppHost
/// provisions this way, and so do the test fixtures, so tests run on what the platform runs on.
/// </summary>
public static partial class DatabaseProvisioner
{
    // Parallel runs may provision against one server; CREATE ROLE/DATABASE would race without it.
    private const long ProvisioningLock = 0x46656e6768756f; // "Fenghuo"

    /// <summary>Names and connection strings only: nothing is created.</summary>
    public static ServiceDatabase Describe(string adminConnectionString, string service, string rolePassword)
    {
        if (!ServiceName().IsMatch(service))
        {
            throw new ArgumentException($"'{service}' is not a service name (lower-case letters, digits, '_').", nameof(service));
        }

        var name = $"{service}db";
        string As(string role) =>
            new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Username = role, Password = rolePassword }.ConnectionString;
        return new ServiceDatabase(name, $"{service}_owner", $"{service}_app", As($"{service}_app"), As($"{service}_owner"));
    }

    public static async Task<ServiceDatabase> ProvisionAsync(
        string adminConnectionString, string service, string rolePassword, CancellationToken ct)
    {
        var database = Describe(adminConnectionString, service, rolePassword);
        var admin = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false };
        var password = Literal(rolePassword);

        await using var server = await OpenAsync(admin.ConnectionString, ct);
        // Closing the connection releases the lock.
        await ExecuteAsync(server, $"SELECT pg_advisory_lock({ProvisioningLock})", ct);
        await ExecuteAsync(server, EnsureRole(database.Owner, $"LOGIN NOSUPERUSER PASSWORD {password}"), ct);
        await ExecuteAsync(server, EnsureRole(database.App, $"LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD {password}"), ct);

        // CREATE DATABASE cannot run inside the DO block a conditional would need.
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", server))
        {
            exists.Parameters.AddWithValue("name", database.Name);
            await ExecuteAsync(server, await exists.ExecuteScalarAsync(ct) is null
                ? $"CREATE DATABASE \"{database.Name}\" OWNER \"{database.Owner}\""
                : $"ALTER DATABASE \"{database.Name}\" OWNER TO \"{database.Owner}\"", ct);
        }

        await ExecuteAsync(server, $"""
            REVOKE ALL ON DATABASE "{database.Name}" FROM PUBLIC;
            GRANT CONNECT ON DATABASE "{database.Name}" TO "{database.App}";
            """, ct);

        await using var inDatabase = await OpenAsync(new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database.Name }.ConnectionString, ct);
        await ExecuteAsync(inDatabase, $"""
            ALTER SCHEMA public OWNER TO "{database.Owner}";
            GRANT USAGE ON SCHEMA public TO "{database.App}";
            """, ct);
        return database;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,40}$")]
    private static partial Regex ServiceName();

    private static string EnsureRole(string role, string attributes) => $"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                CREATE ROLE "{role}";
            END IF;
        END
        $$;
        ALTER ROLE "{role}" WITH {attributes};
        """;

    /// <summary>DDL takes no parameters, so the password is inlined as an escaped literal.</summary>
    private static string Literal(string value) => $"'{value.Replace("'", "''")}'";

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
