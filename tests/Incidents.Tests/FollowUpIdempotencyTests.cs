using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Incidents.Acts;
using Fenghuo.Testing;
using Npgsql;

namespace Fenghuo.Incidents.Tests;

/// <summary>A county's client resends a follow-up whose answer it never got: written once, told once.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class FollowUpIdempotencyTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task A_follow_up_sent_again_under_its_idempotency_key_is_written_and_announced_once_and_the_key_on_another_follow_up_is_refused()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var duty = await Callers.AsAsync(host, "yangcheng", "duty-officer");
        var acts = host.Get<ResponseActs>();
        var isolated = new FollowUpRequest("已隔离受影响的服务器。", "progress");
        var key = Guid.NewGuid().ToString();

        var first = await acts.FollowUpAsync(duty, id, isolated, key, default);
        Assert.False(first.Replayed);
        var again = await acts.FollowUpAsync(duty, id, isolated, key, default);
        Assert.True(again.Replayed);
        Assert.Single(again.Record!.Timeline.Entries, t => t.Act == "followup");

        // The same key on a different follow-up is a client bug, not a retry.
        var other = await acts.FollowUpAsync(duty, id, new FollowUpRequest("已恢复全部业务。", "progress"), key, default);
        Assert.Equal(("idempotency_key_reused", 409), (other.Refusal?.Code, other.Refusal?.Status));

        // Two sends at once under a new key: one writes, the other answers as its replay.
        var restored = new FollowUpRequest("已恢复全部业务。", "progress");
        var racing = Guid.NewGuid().ToString();
        var both = await Task.WhenAll(acts.FollowUpAsync(duty, id, restored, racing, default), acts.FollowUpAsync(duty, id, restored, racing, default));
        Assert.Equal([false, true], both.Select(o => o.Replayed).Order());

        // Without a key, a follow-up sent twice is two follow-ups, as before.
        await acts.FollowUpAsync(duty, id, isolated, null, default);
        var record = await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id);
        Assert.Equal(["已隔离受影响的服务器。", "已恢复全部业务。", "已隔离受影响的服务器。"], record!.Timeline.Entries.Where(t => t.Act == "followup").Select(t => t.Summary));
        await using var owner = new NpgsqlConnection(host.Database.MigrationsConnectionString);
        Assert.Equal(3, await owner.ExecuteScalarAsync<long>(
            "select count(*) from outbox where message_type like '%FollowUpAdded%' and payload->>'incidentId' = @Id", new { Id = id.ToString() }));
    }
}
