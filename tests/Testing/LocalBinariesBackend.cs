using Fenghuo.Testing.Servers;

namespace Fenghuo.Testing;

/// <summary>PostgreSQL 15 and RabbitMQ from the Debian packages, in a temporary directory removed afterwards.</summary>
internal sealed class LocalBinariesBackend(string root, LocalPostgres postgres, LocalRabbitMq rabbit) : IInfrastructureBackend
{
    public string Description => $"local binaries (PostgreSQL on 127.0.0.1:{postgres.Port}, RabbitMQ on 127.0.0.1:{rabbit.Port})";

    public string PostgresAdminConnectionString => postgres.AdminConnectionString;

    public string RabbitMqConnectionString => rabbit.ConnectionString;

    public static async Task<IInfrastructureBackend> StartAsync(Action<string> say)
    {
        var root = Path.Combine(Path.GetTempPath(), $"fenghuo-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var quiet = new Action<string>(_ => { });
        var postgresTask = LocalPostgres.StartAsync(Path.Combine(root, "postgres"), 0, fresh: true, quiet, CancellationToken.None);
        var rabbitTask = LocalRabbitMq.StartAsync(Path.Combine(root, "rabbitmq"), 0, fresh: true, quiet, CancellationToken.None);
        await Task.WhenAll(postgresTask, rabbitTask);
        return new LocalBinariesBackend(root, postgresTask.Result, rabbitTask.Result);
    }

    public Task StopBrokerAsync() => rabbit.StopAsync();

    public Task StartBrokerAsync() => rabbit.StartAgainAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await rabbit.DisposeAsync();
        await postgres.DisposeAsync();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a stopping process; the temp directory is cleaned by the OS.
        }
    }
}
