using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Incidents.Acts;
using Fenghuo.Incidents.Apis;
using Fenghuo.Incidents.Domain;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.Testing;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// 上报 as a burst of one county's duty desks sends it: every report gets the next number of the
/// county's year, with no gap and no number twice, its event in the outbox carries that number, and
/// the answer to each report is exactly the record a later read shows.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class IntakeTests(PlatformInfrastructure infrastructure)
{
    private const int Burst = 12;

    [Fact]
    public async Task Reports_sent_at_once_get_consecutive_numbers_their_events_carry_them_and_each_answer_is_the_stored_record()
    {
        var now = DateTimeOffset.UtcNow;
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, now);
        // A county of its own, so its numbers start at 0001 whatever the other tests reported.
        var code = $"in{Guid.NewGuid():N}"[..10];
        var path = $"shanxi.jincheng.{code}";
        await host.KnowAsync(code, "突发县", "jincheng", path, SeedRules.For("yangcheng"));
        var caller = await Callers.AsAsync(host, code, Roles.DutyOfficer);
        var intake = host.Get<IncidentIntake>();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => Task.Run(() => intake.ReportAsync(caller, Form(now), null, default))));

        var numbers = outcomes.Select(o => o.Record!.Incident.Number).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, Burst).Select(n => $"突发-{now.ShanghaiDate().Year}-{n:0000}"), numbers);
        var scope = new TenantScope(code, path);
        var announced = await host.Get<TenantDatabase>().InTransactionAsync(scope, async session =>
            (await session.Connection.QueryAsync<(Guid, string)>(
                "select (payload->>'incidentId')::uuid, payload->>'number' from outbox where message_type like '%.IncidentReported' and payload->>'tenantCode' = @Code",
                new { Code = code },
                transaction: session.Transaction)).ToList(), CancellationToken.None);
        Assert.Equal(outcomes.Select(o => (o.Record!.Incident.Id, o.Record.Incident.Number)).Order(), announced.Order());
        foreach (var outcome in outcomes)
        {
            var stored = await Reported.AsAsync(host, code, path, outcome.Record!.Incident.Id);
            Assert.Equal(View(stored!, now), View(outcome.Record, now));
        }
    }

    private static string View(Data.IncidentRecord record, DateTimeOffset now) =>
        JsonSerializer.Serialize(IncidentViews.Of(record, "突发县", now, Domain.AllowedActs.None), FenghuoJson.Options);

    /// <summary>A large data leak under Yangcheng's plan, whose grade starts the upward-report clock.</summary>
    internal static ReportForm Form(DateTimeOffset now) => new(
        "阳城县网信办", " 阳城县人民医院 ", now.AddMinutes(-7).AddTicks(3), "张三", "李四", "data_security", "data_leak", "large",
        ["数据泄露 "], "医院信息系统数据外泄", "已断开外联", null, null, "信息中心机房", "监测告警", "全院", null, "趋稳");
}
