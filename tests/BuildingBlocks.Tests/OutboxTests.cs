using Dapper;
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
        await Eventually.Until(async () => await host.EffectsOfAsync(warmUp.EventId) == 1, "the warm-up event was not applied");

        await infrastructure.StopBrokerAsync();
        var duringOutage = MessagingHost.NewEvent();
        try
        {
            await host.EnqueueAsync(duringOutage);
            // Two refusals after the event was recorded: the second attempt began after it committed, so it tried this row.
            var pausesBefore = host.RelayPauses;
            await Eventually.Until(() => host.RelayPauses >= pausesBefore + 2, "the relay did not try to publish while the broker was down");
            Assert.False(await host.IsSentAsync(duringOutage.EventId));
            Assert.Equal(0, await host.EffectsOfAsync(duringOutage.EventId));
        }
        finally
        {
            await infrastructure.StartBrokerAsync();
        }

        await Eventually.Until(async () => await host.EffectsOfAsync(duringOutage.EventId) == 1, "the event recorded during the outage was not applied",
            TimeSpan.FromSeconds(120));
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
        await Eventually.Until(async () => await host.EffectsOfAsync(committed.EventId) == 1, "the committed event was not applied");
        Assert.Equal(0, await host.EffectsOfAsync(abandoned.EventId));
    }

    [Fact]
    public async Task A_row_another_relay_holds_a_lease_on_waits_for_the_lease_to_pass_and_is_then_delivered_once()
    {
        await using var host = await MessagingHost.StartAsync(infrastructure, "outboxlease");
        var leased = MessagingHost.NewEvent();
        await host.Tenants.InTransactionAsync(TenantScope.None, async session =>
        {
            await host.Outbox.EnqueueAsync(session, leased);
            await session.Connection.ExecuteAsync("update outbox set claimed_until = now() + interval '1 hour' where id = @EventId", new { leased.EventId }, session.Transaction);
        }, CancellationToken.None);

        // The relay takes the oldest rows first: once a later event is applied, it has passed the leased row by.
        var later = MessagingHost.NewEvent();
        await host.EnqueueAsync(later);
        await Eventually.Until(async () => await host.EffectsOfAsync(later.EventId) == 1, "the later event was not applied");
        Assert.Equal(0, await host.EffectsOfAsync(leased.EventId));
        Assert.False(await host.IsSentAsync(leased.EventId));

        await host.Tenants.InTransactionAsync(TenantScope.None, session => session.Connection.ExecuteAsync(
            "update outbox set claimed_until = now() - interval '1 second' where id = @EventId", new { leased.EventId }, session.Transaction), CancellationToken.None);
        await host.EnqueueAsync(MessagingHost.NewEvent());
        await Eventually.Until(async () => await host.EffectsOfAsync(leased.EventId) == 1, "the row was not delivered once its lease had passed");
        Assert.True(await host.IsSentAsync(leased.EventId));
    }
}
