using Fenghuo.Testing;
using MassTransit;

namespace Fenghuo.BuildingBlocks.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class InboxTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task A_redelivered_message_is_applied_once()
    {
        await using var host = await MessagingHost.StartAsync(infrastructure, "inboxredelivery");
        var message = MessagingHost.NewEvent();
        await host.EnqueueAsync(message);
        Assert.Equal(1, await host.WaitForEffectAsync(message.EventId, TimeSpan.FromSeconds(30)));

        // The broker delivering the same message again (same message id), as after a lost ack.
        await host.Bus.Publish(message, context => context.MessageId = message.EventId);
        await host.Bus.Publish(message, context => context.MessageId = message.EventId);
        var marker = MessagingHost.NewEvent();
        await host.Bus.Publish(marker, context => context.MessageId = marker.EventId);
        Assert.Equal(1, await host.WaitForEffectAsync(marker.EventId, TimeSpan.FromSeconds(30)));

        Assert.Equal(1, await host.EffectsOfAsync(message.EventId));
    }
}
