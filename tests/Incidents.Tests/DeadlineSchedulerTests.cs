using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;
using Fenghuo.Testing;
using Npgsql;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// The deadline scheduler on the service's clock: the test moves a fake clock past a deadline
/// and watches the real database and broker, instead of sleeping for half an hour. The scheduler
/// waits on that clock between scans, so while a test waits for it the clock keeps ticking one scan
/// interval at a time; what it did not do is proven by a later miss that it did announce.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class DeadlineSchedulerTests(PlatformInfrastructure infrastructure)
{
    private static readonly TimeSpan ScanInterval = TimeSpan.FromMilliseconds(new IncidentsOptions().DeadlineScanMilliseconds);

    [Fact]
    public async Task A_passed_deadline_is_marked_missed_and_announced_exactly_once()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()); // PostgreSQL keeps microseconds, not ticks
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, start);
        var plan = SeedRules.For("yangcheng");
        var occurredAt = start.AddMinutes(-5);
        var id = await Reported.LargeDataLeakAsync(host, plan, occurredAt);
        var due = occurredAt.AddMinutes(30); // 002 §4.1: 较大 within 30 minutes of occurrence

        var deadline = Assert.Single((await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!.Deadlines);
        Assert.Equal(due, deadline.DueAt);
        Assert.Equal(DeadlineStatus.Due, deadline.Status);

        // Ten minutes before (the default lead): DeadlineApproaching, and the clock still runs.
        host.Clock.AdvanceTo(due.AddMinutes(-10).AddSeconds(1));
        await ScannedUntil(host, () => Task.FromResult(DeadlineProbe.Approaching.Any(a => a.IncidentId == id)), "DeadlineApproaching was not published");
        Assert.Equal(DeadlineStatus.Due, await StatusAsync(host, id));

        host.Clock.AdvanceTo(due.AddSeconds(1));
        await ScannedUntil(host, async () => await StatusAsync(host, id) == DeadlineStatus.Missed, "the deadline was not marked missed");
        await Eventually.Until(() => DeadlineProbe.Missed.Any(m => m.IncidentId == id), "DeadlineMissed was not delivered");

        // Later scans must not announce the same miss again: a miss they do announce afterwards comes after any repeat.
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await AnotherMissAnnouncedAsync(host);

        var missed = Assert.Single(DeadlineProbe.Missed, m => m.IncidentId == id);
        Assert.Equal(DeadlineKind.ReportUpward, missed.Kind);
        Assert.Equal("yangcheng", missed.OwedBy);
        Assert.Equal(due, missed.DueAt);
        Assert.Single(DeadlineProbe.Approaching, a => a.IncidentId == id);

        var record = (await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!;
        Assert.Single(record.Timeline.Entries, t => t.Act == "deadline_missed");
    }

    [Fact]
    public async Task A_deadline_met_in_time_is_never_reported_missed()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()); // PostgreSQL keeps microseconds, not ticks
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, start);
        var plan = SeedRules.For("yangcheng");
        var id = await Reported.LargeDataLeakAsync(host, plan, start.AddMinutes(-5));

        await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope("yangcheng", Reported.YangchengPath),
            s => host.Get<IncidentStore>().MeetDeadlineAsync(s, id, DeadlineKind.ReportUpward, null, host.Clock.GetUtcNow()), CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromHours(2));
        host.Clock.Advance(TimeSpan.FromHours(2));
        await AnotherMissAnnouncedAsync(host);

        Assert.Equal(DeadlineStatus.Met, await StatusAsync(host, id));
        Assert.DoesNotContain(DeadlineProbe.Missed, m => m.IncidentId == id);
    }

    /// <summary>
    /// Records an incident whose clock has already run out, moves the clock for one more scan, and
    /// waits until its DeadlineMissed arrives: everything the earlier scans published was relayed before it.
    /// </summary>
    private static async Task AnotherMissAnnouncedAsync(IncidentsHost host)
    {
        var marker = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddHours(-2));
        await ScannedUntil(host, () => Task.FromResult(DeadlineProbe.Missed.Any(m => m.IncidentId == marker)), "the later miss was not announced");
        await Eventually.Until(async () => await UnsentAsync(host) == 0, "the outbox did not drain");
    }

    private static Task ScannedUntil(IncidentsHost host, Func<Task<bool>> condition, string failure) =>
        Eventually.Until(() =>
        {
            host.Clock.Advance(ScanInterval);
            return condition();
        }, failure);

    private static async Task<DeadlineStatus> StatusAsync(IncidentsHost host, Guid id) =>
        Assert.Single((await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!.Deadlines).Status;

    private static async Task<int> UnsentAsync(IncidentsHost host)
    {
        await using var connection = new NpgsqlConnection(host.Database.MigrationsConnectionString);
        return await connection.ExecuteScalarAsync<int>("select count(*) from outbox where sent_at is null");
    }
}
