using Fenghuo.Testing;
using MassTransit;

namespace Fenghuo.BuildingBlocks.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class InboxTests(PlatformInfrastructure infrastructure)
{
    private const int Copies = 4;

    [Fact]
    public async Task A_redelivered_message_is_applied_once()
    {
        await using var host = await MessagingHost.StartAsync(infrastructure, "inboxredelivery");
        var message = MessagingHost.NewEvent();
        await host.EnqueueAsync(message);
        await Eventually.Until(async () => await host.EffectsOfAsync(message.EventId) > 0, "the event was not applied");

        // The broker delivering the same message again (same message id), as after a lost ack.
        await host.Bus.Publish(message, context => context.MessageId = message.EventId);
        await host.Bus.Publish(message, context => context.MessageId = message.EventId);
        await MarkerAppliedAsync(host);

        Assert.Equal(1, await host.EffectsOfAsync(message.EventId));
    }

    [Fact]
    public async Task Copies_of_a_message_delivered_at_the_same_time_are_applied_once()
    {
        await using var host = await MessagingHost.StartAsync(infrastructure, "inboxconcurrent");
        var message = MessagingHost.NewEvent();
        ProbeConsumer.Gather(message.EventId, Copies);

        await Task.WhenAll(Enumerable.Range(0, Copies).Select(_ => host.Bus.Publish(message, context => context.MessageId = message.EventId)));
        await Eventually.Until(async () => await host.EffectsOfAsync(message.EventId) > 0, "the event was not applied");
        await MarkerAppliedAsync(host);

        Assert.True(ProbeConsumer.Gathered(message.EventId), $"the {Copies} copies were not in flight together, so their transactions did not race");
        Assert.Equal(1, await host.EffectsOfAsync(message.EventId));
    }

    /// <summary>A message published after the copies, applied: the copies' transactions have ended by then.</summary>
    private static async Task MarkerAppliedAsync(MessagingHost host)
    {
        var marker = MessagingHost.NewEvent();
        await host.Bus.Publish(marker, context => context.MessageId = marker.EventId);
        await Eventually.Until(async () => await host.EffectsOfAsync(marker.EventId) == 1, "a later message was not applied");
    }
}
