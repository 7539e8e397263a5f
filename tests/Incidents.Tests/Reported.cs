using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;

namespace Fenghuo.Incidents.Tests;

/// <summary>Records an incident the way intake does (row, number, upward-report clock) for tests of what follows.</summary>
internal static class Reported
{
    public const string YangchengPath = "shanxi.jincheng.yangcheng";

    public static async Task<Guid> LargeDataLeakAsync(IncidentsHost host, PlanRules plan, DateTimeOffset occurredAt)
    {
        var id = Guid.CreateVersion7();
        var now = host.Clock.GetUtcNow();
        var store = host.Get<IncidentStore>();
        await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope("yangcheng", YangchengPath), async session =>
        {
            var number = await store.NextNumberAsync(session, "yangcheng", "阳城", now.Year);
            await store.InsertAsync(session, new NewIncident(
                id, "yangcheng", YangchengPath, number, 1, "large", "I", "data_security", "data_leak", occurredAt, now,
                "yangcheng.duty", "阳城县网信办", "阳城县人民医院", "张三", null, ["数据泄露"], "医院信息系统数据外泄",
                null, null, null, null, null, null, null, null, null, null));
            var clock = Clocks.ReportUpward(plan, Grade.Large, "yangcheng", hasParent: true, occurredAt, now)!;
            await store.AddDeadlineAsync(session, id, "yangcheng", number, clock);
        }, CancellationToken.None);
        return id;
    }

    public static Task<IncidentRecord?> AsAsync(IncidentsHost host, string code, string path, Guid id) =>
        host.Get<TenantDatabase>().InTransactionAsync(new TenantScope(code, path), s => host.Get<IncidentStore>().LoadAsync(s, id), CancellationToken.None);
}
