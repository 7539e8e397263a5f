using System.Text.RegularExpressions;
using Npgsql;

namespace Fenghuo.AppHost.Resources;

/// <summary>
/// A database per service with two roles: <c>&lt;service&gt;_owner</c> owns the schema and runs migrations;
/// <c>&lt;service&gt;_app</c> is what the service connects as, and owns nothing, so the row-level
/// security the migrations FORCE applies to it. Safe to run again on every start.
/// </summary>
public static partial class DatabaseProvisioner
{
    // Parallel test runs provision against one server; CREATE ROLE/DATABASE would race without it.
    private const long ProvisioningLock = 0x46656e6768756f; // "Fenghuo"

    public static async Task<ServiceDatabase> ProvisionAsync(string adminConnectionString, string service, CancellationToken ct)
    {
        if (!ServiceName().IsMatch(service))
        {
            throw new ArgumentException($"'{service}' is not a service name (lower-case letters, digits, '_').", nameof(service));
        }

        var database = $"{service}db";
        var owner = $"{service}_owner";
        var app = $"{service}_app";
        var password = Literal(DevelopmentDefaults.DatabasePassword);
        var admin = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false };

        await using var server = await OpenAsync(admin.ConnectionString, ct);
        await ExecuteAsync(server, $"SELECT pg_advisory_lock({ProvisioningLock})", ct);

        await ExecuteAsync(server, EnsureRole(owner, $"LOGIN NOSUPERUSER PASSWORD {password}"), ct);
        await ExecuteAsync(server, EnsureRole(app, $"LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD {password}"), ct);

        // CREATE DATABASE cannot run inside the DO block a conditional would need.
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", server))
        {
            exists.Parameters.AddWithValue("name", database);
            var sql = await exists.ExecuteScalarAsync(ct) is null
                ? $"CREATE DATABASE \"{database}\" OWNER \"{owner}\""
                : $"ALTER DATABASE \"{database}\" OWNER TO \"{owner}\"";
            await ExecuteAsync(server, sql, ct);
        }

        await ExecuteAsync(server, $"""
            REVOKE ALL ON DATABASE "{database}" FROM PUBLIC;
            GRANT CONNECT ON DATABASE "{database}" TO "{app}";
            """, ct);

        await using (var inDatabase = await OpenAsync(
            new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database }.ConnectionString, ct))
        {
            await ExecuteAsync(inDatabase, $"""
                ALTER SCHEMA public OWNER TO "{owner}";
                GRANT USAGE ON SCHEMA public TO "{app}";
                """, ct);
        }

        // Closing the server connection releases the advisory lock.
        return new ServiceDatabase(
            database,
            ConnectionString(adminConnectionString, database, app),
            ConnectionString(adminConnectionString, database, owner));
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

    private static string ConnectionString(string adminConnectionString, string database, string role) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Database = database,
            Username = role,
            Password = DevelopmentDefaults.DatabasePassword,
        }.ConnectionString;

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
