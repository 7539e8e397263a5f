using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Acts;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.Testing;
using MassTransit;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// An exercise's inject opens a drill incident at its target: a real incident under the target's plan,
/// numbered in the drill series, kept out of default listings and the subtree summary, escalating only
/// among the exercise's participants, and telling the exercise how its clocks went.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class DrillIncidentTests(PlatformInfrastructure infrastructure)
{
    private static readonly TenantScope Yangcheng = new("yangcheng", Reported.YangchengPath);

    [Fact]
    public async Task A_drill_without_the_city_taking_part_never_counts_and_cannot_be_sent_up()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, Now());
        var store = host.Get<IncidentStore>();
        var countsBefore = await host.Get<TenantDatabase>().InTransactionAsync(Yangcheng, store.SubtreeCountsAsync, CancellationToken.None);
        var inject = Guid.CreateVersion7();
        await host.Get<IBus>().Publish(Delivered(host, inject, ["yangcheng"]));
        var id = await DrillAsync(host, inject);

        var record = (await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!;
        Assert.True(record.Incident.Exercise);
        Assert.StartsWith($"阳城-演练-{host.Clock.GetUtcNow().Year}-", record.Incident.Number);
        Assert.Equal(Grade.Large, record.Incident.Grade);
        Assert.Empty(record.Deadlines);

        var (real, drills, counts) = await host.Get<TenantDatabase>().InTransactionAsync(Yangcheng, async session => (
            await store.ListOwnAsync(session, new IncidentFilter(null, null, null, null, null, 100)),
            await store.ListOwnAsync(session, new IncidentFilter(null, null, null, null, null, 100, DrillFilter.Only)),
            await store.SubtreeCountsAsync(session)), CancellationToken.None);
        Assert.DoesNotContain(real, i => i.Id == id);
        Assert.Contains(drills, i => i.Id == id);
        Assert.Equal(countsBefore, counts);

        var duty = await Callers.AsAsync(host, "yangcheng", Roles.DutyOfficer);
        var sent = await host.Get<EscalationActs>().EscalateAsync(duty, id, new EscalationRequest("report", "报市指挥部", false), CancellationToken.None);
        Assert.Equal("no_parent", sent.Refusal?.Code);
    }

    [Fact]
    public async Task A_drill_with_the_city_taking_part_owes_it_the_plan_report_and_tells_the_exercise_the_clock_was_met()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, Now());
        var inject = Guid.CreateVersion7();
        await host.Get<IBus>().Publish(Delivered(host, inject, ["jincheng", "yangcheng"]));
        var id = await DrillAsync(host, inject);
        var clock = Assert.Single((await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!.Deadlines);
        Assert.Equal(Contracts.Incidents.DeadlineKind.ReportUpward, clock.Kind);

        var duty = await Callers.AsAsync(host, "yangcheng", Roles.DutyOfficer);
        var sent = await host.Get<EscalationActs>().EscalateAsync(duty, id, new EscalationRequest("report", "报市指挥部", false), CancellationToken.None);
        Assert.Contains("jincheng", sent.Record!.Incident.EscalatedTo);

        var outbox = await host.Get<TenantDatabase>().InTransactionAsync(Yangcheng, session => session.Connection.QueryAsync<(string Type, string Payload)>(
            "select message_type, payload::text from outbox where payload->>'incidentId' = @Id", new { Id = id.ToString() }, session.Transaction),
            CancellationToken.None);
        Assert.All(outbox, m => Assert.True(JsonDocument.Parse(m.Payload).RootElement.GetProperty("exercise").GetBoolean(), m.Type));
        var settled = Assert.Single(outbox, m => m.Type.EndsWith(".DrillClockSettled"));
        Assert.True(JsonDocument.Parse(settled.Payload).RootElement.GetProperty("met").GetBoolean());
        // The exercises service counts the drill's page down to this clock: the event carries its due time.
        var opened = Assert.Single(outbox, m => m.Type.EndsWith(".DrillIncidentOpened"));
        Assert.Equal(clock.DueAt, JsonDocument.Parse(opened.Payload).RootElement.GetProperty("reportDueAt").GetDateTimeOffset());
    }

    private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static InjectDelivered Delivered(IncidentsHost host, Guid inject, string[] participants) =>
        new(inject, new ExerciseParticipant("yangcheng", Reported.YangchengPath), "社保查询系统疑似数据泄露", "监测发现异常导出。", "研判定级并报告",
            new DrillIncident("data_security", "data_leak", Grade.Large, "社保查询系统约两万条个人信息疑似泄露", host.Clock.GetUtcNow()))
        {
            OccurredAt = host.Clock.GetUtcNow(), TenantCode = "jincheng", TenantPath = "shanxi.jincheng", ExerciseId = Guid.CreateVersion7(),
            Title = "晋城市勒索病毒应急演练",
            Participants = participants.Select(p => new ExerciseParticipant(p, p == "yangcheng" ? Reported.YangchengPath : $"shanxi.{p}")).ToList(),
        };

    private static async Task<Guid> DrillAsync(IncidentsHost host, Guid inject) =>
        (await Eventually.Value(() => host.Get<TenantDatabase>().InTransactionAsync(Yangcheng, session =>
                session.Connection.ExecuteScalarAsync<Guid?>("select id from incident where inject_id = @Inject", new { Inject = inject }, session.Transaction),
                CancellationToken.None),
            id => id is not null, "the inject opened no drill incident"))!.Value;
}
