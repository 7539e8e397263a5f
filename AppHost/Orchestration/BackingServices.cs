using Fenghuo.AppHost.Resources;
using Npgsql;

namespace Fenghuo.AppHost.Orchestration;

/// <summary>
/// PostgreSQL and RabbitMQ: local private servers under the data directory, or, each on its own,
/// the existing server named by ConnectionStrings__postgres / ConnectionStrings__rabbitmq.
/// </summary>
internal sealed class BackingServices(ConsoleLog console) : IAsyncDisposable
{
    public const string PostgresName = "postgres";
    public const string RabbitMqName = "rabbitmq";

    private LocalPostgres? postgres;
    private LocalRabbitMq? rabbitMq;

    /// <summary>A superuser connection string: only the AppHost uses it, to provision databases.</summary>
    public string PostgresAdminConnectionString { get; private set; } = "";

    public string RabbitMqConnectionString { get; private set; } = "";

    public async Task StartAsync(string dataDirectory, bool fresh, IReadOnlyDictionary<string, string> hostEnvironment, CancellationToken ct)
    {
        if (hostEnvironment.GetValueOrDefault("ConnectionStrings__postgres") is { Length: > 0 } external)
        {
            PostgresAdminConnectionString = external;
            console.Info("postgres: using the server of ConnectionStrings__postgres");
        }
        else
        {
            console.Info("starting postgres");
            postgres = await LocalPostgres.StartAsync(
                Path.Combine(dataDirectory, PostgresName), 0, fresh, console.Quiet(PostgresName), ct);
            PostgresAdminConnectionString = postgres.AdminConnectionString;
            console.Info($"postgres listening on 127.0.0.1:{postgres.Port}");
        }

        if (hostEnvironment.GetValueOrDefault("ConnectionStrings__rabbitmq") is { Length: > 0 } broker)
        {
            RabbitMqConnectionString = broker;
            console.Info("rabbitmq: using the broker of ConnectionStrings__rabbitmq");
        }
        else
        {
            console.Info("starting rabbitmq");
            rabbitMq = await LocalRabbitMq.StartAsync(
                Path.Combine(dataDirectory, RabbitMqName), 0, fresh, console.Quiet(RabbitMqName), ct);
            RabbitMqConnectionString = rabbitMq.ConnectionString;
            console.Info($"rabbitmq listening on 127.0.0.1:{rabbitMq.Port}");
        }
    }

    public IEnumerable<ResourceTable.Row> Rows()
    {
        var database = new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString);
        yield return postgres is null
            ? new ResourceTable.Row(PostgresName, $"tcp://{database.Host}:{database.Port}", "External")
            : new ResourceTable.Row(PostgresName, $"tcp://127.0.0.1:{postgres.Port}", "Running");

        var broker = new Uri(RabbitMqConnectionString);
        yield return rabbitMq is null
            ? new ResourceTable.Row(RabbitMqName, $"amqp://{broker.Host}:{broker.Port}", "External")
            : new ResourceTable.Row(RabbitMqName, $"amqp://127.0.0.1:{rabbitMq.Port}", "Running");
    }

    /// <summary>Stops only what this run started; external servers are left alone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (rabbitMq is not null)
        {
            console.Info("stopping rabbitmq");
            await rabbitMq.StopAsync();
        }

        if (postgres is not null)
        {
            console.Info("stopping postgres");
            await postgres.StopAsync();
        }
    }
}
