using System.Diagnostics;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Testing;
using MassTransit;

namespace Fenghuo.Notifications.Tests;

/// <summary>A broker of its own: nothing of Notifications may exist on it before the test runs its topology step.</summary>
[CollectionDefinition(Name)]
public sealed class FreshBrokerCollection : ICollectionFixture<PlatformInfrastructure>
{
    public const string Name = "fresh broker";
}

/// <summary>
/// An event published while Notifications has never started (as on a new installation, when Incidents is up
/// first) is delivered once it starts, because the service's topology step declared its queues beforehand.
/// </summary>
[Collection(FreshBrokerCollection.Name)]
public sealed class FirstStartTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task An_escalation_published_before_notifications_ever_started_reaches_the_duty_officer_once_it_starts()
    {
        await DeployTopologyAsync();
        var escalated = new IncidentEscalated(Guid.NewGuid(), EscalationKind.Support, "yangcheng", "jincheng", "启动Ⅰ级响应，请求上级支援", true, "yangcheng.commander")
        {
            OccurredAt = DateTimeOffset.UtcNow, TenantCode = "yangcheng", TenantPath = NotificationsHost.YangchengPath,
            IncidentId = Guid.NewGuid(), Number = "阳城-2026-0100",
        };
        await PublishAsIncidentsAsync(escalated);

        await using var host = await NotificationsHost.StartAsync(infrastructure);

        await Eventually.Until(async () => (await host.InboxAsync("jincheng", NotificationsHost.JinchengPath, "jincheng.duty", escalated.IncidentId)).Count == 1,
            "jincheng.duty is told of the escalation published before Notifications first started");
    }

    /// <summary>The built service itself, run the way a deployment runs it before the platform starts.</summary>
    private async Task DeployTopologyAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var output = Path.Combine(ServiceFiles.DirectoryOf("Notifications"), "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(output, "Fenghuo.Notifications.dll")])
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqConnectionString,
                // Read when the service is composed, never opened in this mode.
                ["ConnectionStrings__notificationsdb"] = "Host=127.0.0.1;Database=unused",
                [MessagingExtensions.DeployTopologyOnlySetting.Replace(":", "__")] = "true",
            },
        };
        using var step = Process.Start(start)!;
        var stdout = step.StandardOutput.ReadToEndAsync();
        var stderr = step.StandardError.ReadToEndAsync();
        await step.WaitForExitAsync();
        Assert.True(step.ExitCode == 0, $"the topology step failed ({step.ExitCode}): {await stdout}{await stderr}");
    }

    /// <summary>A bus of Incidents' kind, with no consumer of its own, that is stopped before Notifications starts.</summary>
    private async Task PublishAsIncidentsAsync<T>(T message) where T : IntegrationEvent
    {
        var broker = new Uri(infrastructure.RabbitMqConnectionString);
        var credentials = broker.UserInfo.Split(':', 2);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, (ushort)broker.Port, "/", host =>
            {
                host.Username(Uri.UnescapeDataString(credentials[0]));
                host.Password(Uri.UnescapeDataString(credentials[1]));
                host.PublisherConfirmation = true;
            });
            rabbit.ConfigureJsonSerializerOptions(options => FenghuoJson.Apply(options));
        });
        await bus.StartAsync();
        try
        {
            await bus.Publish(message, context => context.MessageId = message.EventId);
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
