using Fenghuo.AppHost;
using Fenghuo.Testing.Servers;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Fenghuo.Testing;

/// <summary>
/// A real PostgreSQL and a real RabbitMQ for one test run: the official images through
/// Testcontainers where a Docker engine answers, otherwise throwaway instances of the installed
/// binaries started by the same code the AppHost uses. Says which in the test output.
/// </summary>
public sealed class PlatformInfrastructure(IMessageSink diagnostics) : IAsyncLifetime
{
    private IInfrastructureBackend backend = null!;

    public string Description => backend.Description;

    public string PostgresAdminConnectionString => backend.PostgresAdminConnectionString;

    public string RabbitMqConnectionString => backend.RabbitMqConnectionString;

    public async Task InitializeAsync()
    {
        backend = await ContainerBackend.TryStartAsync(Say) ?? await LocalBinariesBackend.StartAsync(Say);
        Say($"Test infrastructure: {backend.Description}");
    }

    public Task<ServiceDatabase> ProvisionAsync(string service) =>
        DatabaseProvisioner.ProvisionAsync(PostgresAdminConnectionString, service, DevelopmentDefaults.DatabasePassword, CancellationToken.None);

    /// <summary>Stops the broker process; what was published and confirmed before survives (durable queues).</summary>
    public Task StopBrokerAsync() => backend.StopBrokerAsync();

    public Task StartBrokerAsync() => backend.StartBrokerAsync();

    public async Task DisposeAsync() => await backend.DisposeAsync();

    private void Say(string message)
    {
        diagnostics.OnMessage(new DiagnosticMessage(message));
        Console.Error.WriteLine($"[fixture] {message}");
    }
}
