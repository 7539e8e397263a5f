using Fenghuo.Contracts;
using Fenghuo.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fenghuo.BuildingBlocks.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// The setting that makes a run of the service only declare its queues, exchanges and bindings on
    /// the broker and exit. Run once per service before any service starts, so an event published
    /// before its consumer's first start finds a queue instead of an exchange with nothing bound.
    /// </summary>
    public const string DeployTopologyOnlySetting = "Messaging:DeployTopologyOnly";

    /// <summary>
    /// MassTransit on RabbitMQ (ConnectionStrings:rabbitmq, amqp://user:pass@host:port/vhost) with
    /// our transactional outbox and relay. Queues are prefixed with the service name so two services'
    /// consumers of the same event each get every message. <paramref name="messagesAtOnce"/> bounds how
    /// many messages each of the service's endpoints handles at the same time (MassTransit's default otherwise).
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging(
        this IHostApplicationBuilder builder,
        string service,
        Action<IBusRegistrationConfigurator> consumers,
        int? messagesAtOnce = null)
    {
        var broker = new Uri(builder.Configuration.GetConnectionString("rabbitmq")
            ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not configured."));
        var (user, password) = Credentials(broker, builder.Environment);
        var deployTopologyOnly = builder.Configuration.GetValue<bool>(DeployTopologyOnlySetting);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service, includeNamespace: false));
            // A government network keeps its traffic inside; nothing is reported to the library's vendor.
            bus.DisableUsageTelemetry();
            consumers(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, (ushort)(broker.IsDefaultPort ? 5672 : broker.Port), VirtualHost(broker), host =>
                {
                    host.Username(user);
                    host.Password(password);
                    host.PublisherConfirmation = true;
                });
                rabbit.DeployTopologyOnly = deployTopologyOnly;
                if (messagesAtOnce is { } limit)
                {
                    // Per endpoint: how many messages it takes from the broker and handles at the same time.
                    rabbit.PrefetchCount = limit;
                    rabbit.ConcurrentMessageLimit = limit;
                }
                rabbit.ConfigureJsonSerializerOptions(options => FenghuoJson.Apply(options));
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });

        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddSingleton<OutboxLag>();
        builder.Services.AddSingleton<OutboxWake>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddHealthChecks().AddCheck<OutboxLag>("outbox", tags: [Health.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Runs the service, or, under <see cref="DeployTopologyOnlySetting"/>, declares its consume topology
    /// and returns: no database, web server or background work is touched in that mode.
    /// </summary>
    public static async Task RunOrDeployTopologyAsync(this IHost app)
    {
        if (!app.Services.GetRequiredService<IConfiguration>().GetValue<bool>(DeployTopologyOnlySetting))
        {
            await app.RunAsync();
            return;
        }
        await app.Services.GetRequiredService<IBusControl>().DeployAsync();
    }

    /// <summary>Registers a consumer with the platform's retry policy.</summary>
    public static IBusRegistrationConfigurator AddIdempotentConsumer<TConsumer>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer
    {
        bus.AddConsumer<TConsumer, RetryingConsumerDefinition<TConsumer>>();
        return bus;
    }

    private static string VirtualHost(Uri broker)
    {
        var path = Uri.UnescapeDataString(broker.AbsolutePath.TrimStart('/'));
        return path.Length == 0 ? "/" : path;
    }

    /// <summary>
    /// The user and password of the connection string. Only a developer's broker is reached as
    /// RabbitMQ's well-known guest/guest when none is given; anywhere else that is refused at start.
    /// </summary>
    private static (string User, string Password) Credentials(Uri broker, IHostEnvironment environment)
    {
        var parts = broker.UserInfo.Split(':', 2);
        if (parts.Length == 2 && parts[0].Length > 0)
        {
            return (Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]));
        }
        return environment.IsDevelopment()
            ? ("guest", "guest")
            : throw new InvalidOperationException(
                $"ConnectionStrings:rabbitmq names no user and password; outside Development the broker's guest account is not used ({environment.EnvironmentName}).");
    }
}
