using Fenghuo.Testing;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>
/// The relay working through a backlog (more rows than one batch) with the confirms of a batch awaited
/// together: every event once, oldest first on the broker, and a refusal part-way through costing only
/// what the broker did not confirm.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class OutboxBacklogTests(PlatformInfrastructure infrastructure)
{
    // Over two of the relay's batches, so the order across batches is seen too.
    private const int Backlog = 1_200;

    [Fact]
    public async Task A_backlog_reaches_the_broker_oldest_first_and_every_event_is_applied_once()
    {
        await using var host = await WarmAsync("outboxbacklog");
        await using var queue = await BrokerQueue.BindAsync(infrastructure.RabbitMqConnectionString);

        var backlog = await host.EnqueueBacklogAsync(Backlog);
        await Eventually.Until(async () => (await host.SentAmongAsync(backlog)).Count == Backlog, "the backlog was not all sent");

        Assert.Equal(backlog.Select(e => e.EventId), await queue.TakeAllAsync());
        await Eventually.Until(async () => (await host.EffectsAmongAsync(backlog)).Values.All(n => n >= 1), "not every event of the backlog was applied");
        Assert.All((await host.EffectsAmongAsync(backlog)).Values, applied => Assert.Equal(1, applied));
    }

    [Fact]
    public async Task When_the_broker_refuses_part_of_a_batch_what_it_confirmed_stays_sent_and_the_rest_is_sent_again_once_it_accepts()
    {
        const int accepted = 150;
        await using var host = await WarmAsync("outboxrefusal");
        var refusing = await BrokerQueue.BindAsync(infrastructure.RabbitMqConnectionString, refuseBeyond: accepted);
        await using (refusing)
        {
            var pausesBefore = host.RelayPauses;
            var backlog = await host.EnqueueBacklogAsync(Backlog);
            await Eventually.Until(() => host.RelayPauses > pausesBefore, "the relay did not see the broker refuse");

            // The queue took the oldest messages until it was full; the broker nacked every later publish,
            // and every retry while it stays full, so exactly those are sent and the rest waits.
            var oldest = backlog.Take(accepted).Select(e => e.EventId).ToList();
            Assert.Equal(oldest.Order(), (await host.SentAmongAsync(backlog)).Order());
            Assert.Equal(oldest, await refusing.TakeAllAsync());

            await refusing.DeleteAsync();
            await Eventually.Until(async () => (await host.SentAmongAsync(backlog)).Count == Backlog, "the refused events were not sent again");
            // Refused messages the probe's own queue took anyway come again; its inbox drops the copies.
            await Eventually.Until(async () => (await host.EffectsAmongAsync(backlog)).Values.All(n => n >= 1), "not every event was applied");
            Assert.All((await host.EffectsAmongAsync(backlog)).Values, applied => Assert.Equal(1, applied));
        }
    }

    /// <summary>A host whose relay has published the probe event once, so its exchange is declared on the publish channel.</summary>
    private async Task<MessagingHost> WarmAsync(string service)
    {
        var host = await MessagingHost.StartAsync(infrastructure, service);
        var warmUp = MessagingHost.NewEvent();
        await host.EnqueueAsync(warmUp);
        await Eventually.Until(async () => await host.EffectsOfAsync(warmUp.EventId) == 1, "the warm-up event was not applied");
        return host;
    }
}
