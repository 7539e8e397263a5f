using Fenghuo.BuildingBlocks.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>RabbitMQ's well-known guest account is a developer's convenience, never a fallback elsewhere.</summary>
public sealed class BrokerCredentialsTests
{
    [Fact]
    public void Outside_development_a_broker_address_without_credentials_refuses_to_start()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => Builder(Environments.Production, "amqp://127.0.0.1:5672/")
            .AddServiceMessaging("probe", _ => { }));
        Assert.Contains("guest account is not used", refusal.Message);
    }

    [Theory]
    [InlineData("Development", "amqp://127.0.0.1:5672/")]
    [InlineData("Production", "amqp://fenghuo:s3cret@127.0.0.1:5672/")]
    public void A_developer_broker_or_explicit_credentials_start(string environment, string broker) =>
        Builder(environment, broker).AddServiceMessaging("probe", _ => { });

    private static HostApplicationBuilder Builder(string environment, string broker)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:rabbitmq"] = broker });
        return builder;
    }
}
