using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Testing;

namespace Fenghuo.BuildingBlocks.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class OutboxTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task An_event_recorded_while_the_broker_is_down_is_delivered_once_it_is_back()
    {
        await using var host = await MessagingHost.StartAsync(infrastructure, "outboxoutage");
        var warmUp = MessagingHost.NewEvent();
        await host.EnqueueAsync(warmUp);
        Assert.Equal(1, await host.WaitForEffectAsync(warmUp.EventId, TimeSpan.FromSeconds(30)));

        await infrastructure.StopBrokerAsync();
        var duringOutage = MessagingHost.NewEvent();
        try
        {
            await host.EnqueueAsync(duringOutage);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(await host.IsSentAsync(duringOutage.EventId));
            Assert.Equal(0, await host.EffectsOfAsync(duringOutage.EventId));
        }
        finally
        {
            await infrastructure.StartBrokerAsync();
        }

        Assert.Equal(1, await host.WaitForEffectAsync(duringOutage.EventId, TimeSpan.FromSeconds(90)));
        Assert.True(await host.IsSentAsync(duringOutage.EventId));
    }

    [Fact]
    public async Task An_event_whose_transaction_rolls_back_is_never_published()
    {
        await using var host = await MessagingHost.StartAsync(infrastructure, "outboxrollback");
        var abandoned = MessagingHost.NewEvent();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            host.Tenants.InTransactionAsync(TenantScope.None, async session =>
            {
                await host.Outbox.EnqueueAsync(session, abandoned);
                throw new InvalidOperationException("the change failed after its event was recorded");
            }, CancellationToken.None));

        var committed = MessagingHost.NewEvent();
        await host.EnqueueAsync(committed);
        Assert.Equal(1, await host.WaitForEffectAsync(committed.EventId, TimeSpan.FromSeconds(30)));
        Assert.Equal(0, await host.EffectsOfAsync(abandoned.EventId));
    }
}
