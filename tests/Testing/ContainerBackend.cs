using Fenghuo.Testing.Servers;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Fenghuo.Testing;

/// <summary>The official postgres:15 and rabbitmq:3.10 images, when a Docker engine can run them.</summary>
internal sealed class ContainerBackend(PostgreSqlContainer postgres, RabbitMqContainer rabbit) : IInfrastructureBackend
{
    public string Description => "Testcontainers (postgres:15, rabbitmq:3.10)";

    public string PostgresAdminConnectionString => postgres.GetConnectionString();

    public string RabbitMqConnectionString => rabbit.GetConnectionString();

    public static async Task<IInfrastructureBackend?> TryStartAsync(Action<string> say)
    {
        if (!DockerEngineAnswers())
        {
            say("No Docker engine answers here; using the installed binaries instead of containers.");
            return null;
        }
        // A fixed host port keeps the broker's address when the tests stop and restart it.
        var rabbitPort = FreePort.Pick();
        var postgres = new PostgreSqlBuilder("postgres:15").WithPassword("fenghuo-dev").Build();
        var rabbit = new RabbitMqBuilder("rabbitmq:3.10").WithPortBinding(rabbitPort, 5672).Build();
        try
        {
            await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync());
            return new ContainerBackend(postgres, rabbit);
        }
        catch (Exception e)
        {
            say($"Containers could not start ({e.Message}); using the installed binaries.");
            await postgres.DisposeAsync();
            await rabbit.DisposeAsync();
            return null;
        }
    }

    public Task StopBrokerAsync() => rabbit.StopAsync();

    public Task StartBrokerAsync() => rabbit.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await rabbit.DisposeAsync();
        await postgres.DisposeAsync();
    }

    // The docker client alone is not enough (it is installed here without an engine); a socket or
    // DOCKER_HOST says an engine may answer, and a failed start still falls back.
    private static bool DockerEngineAnswers() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");
}
