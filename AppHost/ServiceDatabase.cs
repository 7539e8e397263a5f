using System.Text.RegularExpressions;
using Npgsql;

namespace Fenghuo.AppHost;

/// <summary>
/// A service's own database <c>&lt;service&gt;db</c> with two roles: <c>&lt;service&gt;_owner</c> owns the
/// schema and runs migrations; <c>&lt;service&gt;_app</c> is what the service connects as, and owns
/// nothing, so the row-level security the migrations FORCE applies to it.
/// </summary>
internal sealed class ServiceDatabaseResource(string service, DatabaseServer server) : Resource($"{service}db"), IResourceWithConnectionString
{
    public string Owner => $"{service}_owner";

    public string App => $"{service}_app";

    public DatabaseServer Server => server;

    /// <summary>ConnectionStrings__&lt;service&gt;db: the role row-level security applies to.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{As(App)}");

    /// <summary>ConnectionStrings__&lt;service&gt;db-migrations: the owner, for migrations at start-up.</summary>
    public ReferenceExpression MigrationsConnectionString => ReferenceExpression.Create($"{As(Owner)}");

    private string As(string role) =>
        new NpgsqlConnectionStringBuilder(server.Admin.ConnectionString) { Database = Name, Username = role, Password = server.RolePassword }
            .ConnectionString;
}

internal static partial class ServiceDatabases
{
    // Parallel runs may provision against one server; CREATE ROLE/DATABASE would race without it.
    private const long ProvisioningLock = 0x46656e6768756f; // "Fenghuo"

    /// <summary>
    /// The database appears waiting, and turns running once the server is healthy and the database and
    /// its roles exist, so that services waiting for it start on a database ready for them.
    /// </summary>
    public static IResourceBuilder<ServiceDatabaseResource> AddServiceDatabase(
        this IDistributedApplicationBuilder builder, DatabaseServer server, string service)
    {
        if (!ServiceName().IsMatch(service))
        {
            throw new ArgumentException($"'{service}' is not a service name (lower-case letters, digits, '_').", nameof(service));
        }

        var database = builder.AddResource(new ServiceDatabaseResource(service, server))
            .WithParentRelationship(server.Resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Database",
                State = KnownResourceStates.Waiting,
                Properties = [],
            })
            .ExcludeFromManifest();

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, ct) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(database.Resource);
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            // In the background: the AppHost goes on starting the server this waits for.
            _ = Task.Run(() => ProvisionWhenServerIsReadyAsync(database.Resource, notifications, logger, stopping), ct);
            return Task.CompletedTask;
        });
        return database;
    }

    private static async Task ProvisionWhenServerIsReadyAsync(
        ServiceDatabaseResource database, ResourceNotificationService notifications, ILogger logger, CancellationToken ct)
    {
        try
        {
            // A server named by a connection string is not ours to watch: it is up, or provisioning says why not.
            if (database.Server.Resource.Resource is ExecutableResource)
            {
                await notifications.WaitForResourceHealthyAsync(database.Server.Resource.Resource.Name, ct);
            }

            await ProvisionAsync(database, ct);
            logger.LogInformation("{Database} ready: owner {Owner}, service role {App}", database.Name, database.Owner, database.App);
            await notifications.PublishUpdateAsync(database, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Provisioning {Database} failed", database.Name);
            await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.FailedToStart });
        }
    }

    /// <summary>Safe to run again on every start: roles and database are created when missing, else put right.</summary>
    private static async Task ProvisionAsync(ServiceDatabaseResource database, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(database.Server.Admin.ConnectionString) { Pooling = false };
        var password = Literal(database.Server.RolePassword);

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
