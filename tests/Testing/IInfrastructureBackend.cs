namespace Fenghuo.Testing;

internal interface IInfrastructureBackend : IAsyncDisposable
{
    string Description { get; }
    string PostgresAdminConnectionString { get; }
    string RabbitMqConnectionString { get; }
    Task StopBrokerAsync();
    Task StartBrokerAsync();
}
