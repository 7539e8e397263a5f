using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Incidents.Data;
using Fenghuo.Testing;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// Row-level security on the real database: the owner sees its incident; its parent command only
/// once it is escalated there; a sibling and an unset session never; the parent's summary counts it
/// without reading it.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class IncidentVisibilityTests(PlatformInfrastructure infrastructure)
{
    private const string JinchengPath = "shanxi.jincheng";
    private const string ChengquPath = "shanxi.jincheng.chengqu";

    [Fact]
    public async Task A_command_sees_a_descendants_incident_only_once_escalated_to_it_and_a_sibling_never()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var plan = SeedRules.For("yangcheng");
        // The test database is shared by the whole collection: other tests' Yangcheng incidents count too.
        var countedBefore = (await CountsAsync(host, "jincheng", JinchengPath)).Where(c => c.Tenant == "yangcheng").Sum(c => c.Count);
        var id = await Reported.LargeDataLeakAsync(host, plan, host.Clock.GetUtcNow().AddMinutes(-5));

        Assert.NotNull(await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id));
        Assert.Null(await Reported.AsAsync(host, "jincheng", JinchengPath, id));
        Assert.Null(await Reported.AsAsync(host, "chengqu", ChengquPath, id));
        Assert.Null(await Reported.AsAsync(host, "", "", id));
        var counts = await CountsAsync(host, "jincheng", JinchengPath);
        Assert.Equal(countedBefore + 1, counts.Where(c => c.Tenant == "yangcheng").Sum(c => c.Count));
        Assert.Empty(await CountsAsync(host, "chengqu", ChengquPath));

        await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope("yangcheng", Reported.YangchengPath), async session =>
        {
            var store = host.Get<IncidentStore>();
            var (incident, _, _) = (await store.LockAsync(session, id))!.Value;
            await session.SaveIncidentAsync(incident with { EscalatedTo = ["jincheng"] }, host.Clock.GetUtcNow());
        }, CancellationToken.None);

        var asJincheng = await Reported.AsAsync(host, "jincheng", JinchengPath, id);
        Assert.NotNull(asJincheng);
        Assert.NotEmpty(asJincheng.Deadlines);
        Assert.Null(await Reported.AsAsync(host, "chengqu", ChengquPath, id));
        Assert.Null(await Reported.AsAsync(host, "shanxi", "shanxi", id));
    }

    private static Task<IReadOnlyList<IncidentCount>> CountsAsync(IncidentsHost host, string code, string path) =>
        host.Get<TenantDatabase>().InTransactionAsync(new TenantScope(code, path), host.Get<IncidentStore>().SubtreeCountsAsync, CancellationToken.None);
}
