using Fenghuo.Contracts.Incidents;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Incidents.Acts;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;
using Fenghuo.Testing;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// Command moves only upward: once a command above has taken over, the county no longer assesses
/// its incident, and nobody below the command takes it back.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ChainOfCommandTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task After_the_city_takes_over_the_county_cannot_call_its_incident_a_false_alarm()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var id = await EscalatedAsync(host, "jincheng");
        var acts = host.Get<ResponseActs>();

        var takenOver = await host.Get<EscalationActs>().TakeOverAsync(await CallerAsync(host, "jincheng", "commander"), id, new TakeoverRequest("事态超出县级处置能力。"), default);
        Assert.Equal("jincheng", takenOver.Record!.Incident.CommandTenant);

        var county = await acts.AssessAsync(await CallerAsync(host, "yangcheng", "duty-officer"), id, new AssessmentRequest("false_alarm", "large", false), default);
        Assert.Equal(("not_in_command", 403), (county.Refusal?.Code, county.Refusal?.Status));
        Assert.Equal(IncidentState.Reported, (await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!.Incident.State);

        var city = await acts.AssessAsync(await CallerAsync(host, "jincheng", "duty-officer"), id, new AssessmentRequest("confirmed", "large", false), default);
        Assert.Equal(IncidentState.Confirmed, city.Record!.Incident.State);
    }

    [Fact]
    public async Task Only_a_command_above_the_current_one_takes_over_so_the_city_cannot_take_it_back_from_the_province()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        await host.KnowAsync("shanxi", "山西省", null, "shanxi", null);
        var id = await EscalatedAsync(host, "jincheng", "shanxi");
        var takeOver = host.Get<EscalationActs>();
        var reason = new TakeoverRequest("省指挥部统一指挥。");

        var byProvince = await takeOver.TakeOverAsync(await CallerAsync(host, "shanxi", "commander"), id, reason, default);
        Assert.Equal("shanxi", byProvince.Record!.Incident.CommandTenant);

        var back = await takeOver.TakeOverAsync(await CallerAsync(host, "jincheng", "commander"), id, new TakeoverRequest("市指挥部收回指挥。"), default);
        Assert.Equal(("not_in_command", 403), (back.Refusal?.Code, back.Refusal?.Status));
        var again = await takeOver.TakeOverAsync(await CallerAsync(host, "shanxi", "commander"), id, reason, default);
        Assert.Equal("not_in_command", again.Refusal?.Code);
        Assert.Equal("shanxi", (await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!.Incident.CommandTenant);
    }

    [Fact]
    public async Task A_former_parent_keeps_what_was_escalated_to_it_before_a_move_but_no_longer_commands_or_counts_it()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        await host.KnowAsync("xinzhou", "忻州市", "shanxi", "shanxi.xinzhou", null);
        // A county of its own, so moving it leaves the other tests' Yangcheng where it is.
        var code = $"mv{Guid.NewGuid():N}"[..10];
        await host.KnowAsync(code, "迁移县", "jincheng", $"shanxi.jincheng.{code}", SeedRules.For("yangcheng"));
        var before = await ReportAsync(host, code, $"shanxi.jincheng.{code}", escalatedTo: ["jincheng"]);

        var movedPath = $"shanxi.xinzhou.{code}";
        await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope(code, movedPath), async session =>
        {
            var moved = new Contracts.Tenancy.JurisdictionState(code, "迁移县", Contracts.Tenancy.JurisdictionKind.County, "xinzhou", movedPath,
                Contracts.Tenancy.JurisdictionStatus.Active, null, 2);
            Assert.True(await host.Get<TenantDirectory>().ApplyAsync(session, moved));
            await TenantRelocation.FollowAsync(session, moved);
        }, CancellationToken.None);
        var after = await ReportAsync(host, code, movedPath, escalatedTo: []);

        // What Jincheng received it keeps: it acted on it, and its own record must stay whole.
        Assert.NotNull(await Reported.AsAsync(host, "jincheng", "shanxi.jincheng", before));
        // Nothing reported since reaches it, its subtree no longer counts the county, and it can no longer take command.
        Assert.Null(await Reported.AsAsync(host, "jincheng", "shanxi.jincheng", after));
        var counts = await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope("jincheng", "shanxi.jincheng"),
            host.Get<IncidentStore>().SubtreeCountsAsync, CancellationToken.None);
        Assert.DoesNotContain(counts, c => c.Tenant == code);
        var takeOver = await host.Get<EscalationActs>().TakeOverAsync(await CallerAsync(host, "jincheng", "commander"), before, new TakeoverRequest("原上级接管。"), default);
        Assert.Equal("not_in_command", takeOver.Refusal?.Code);
    }

    private static async Task<Guid> ReportAsync(IncidentsHost host, string code, string path, string[] escalatedTo)
    {
        var id = Guid.CreateVersion7();
        var now = host.Clock.GetUtcNow();
        var store = host.Get<IncidentStore>();
        await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope(code, path), async session =>
        {
            var number = await store.NextNumberAsync(session, code, "迁移", now.Year);
            await store.InsertAsync(session, new NewIncident(
                id, code, path, number, 1, "large", "I", "data_security", "data_leak", now.AddMinutes(-5), now,
                $"{code}.duty", "网信办", "人民医院", "张三", null, ["数据泄露"], "信息系统数据外泄",
                null, null, null, null, null, null, null, null, null, null));
            var (incident, _, _) = (await store.LockAsync(session, id))!.Value;
            await session.SaveIncidentAsync(incident with { EscalatedTo = escalatedTo }, now);
        }, CancellationToken.None);
        return id;
    }

    private static async Task<Guid> EscalatedAsync(IncidentsHost host, params string[] to)
    {
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope("yangcheng", Reported.YangchengPath), async session =>
        {
            var store = host.Get<IncidentStore>();
            var (incident, _, _) = (await store.LockAsync(session, id))!.Value;
            await session.SaveIncidentAsync(incident with { EscalatedTo = to }, host.Clock.GetUtcNow());
        }, CancellationToken.None);
        return id;
    }

    private static Task<TenantContext> CallerAsync(IncidentsHost host, string tenant, string role) => Callers.AsAsync(host, tenant, role);
}
