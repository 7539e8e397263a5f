using System.Security.Claims;
using Fenghuo.Incidents.Acts;
using Fenghuo.Incidents.Data;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Tenancy;
using Fenghuo.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

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
        Assert.Equal("reported", (await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!.Incident.State);

        var city = await acts.AssessAsync(await CallerAsync(host, "jincheng", "duty-officer"), id, new AssessmentRequest("confirmed", "large", false), default);
        Assert.Equal("confirmed", city.Record!.Incident.State);
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

    private static async Task<Guid> EscalatedAsync(IncidentsHost host, params string[] to)
    {
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope("yangcheng", Reported.YangchengPath), async session =>
        {
            var store = host.Get<IncidentStore>();
            var incident = (await store.LockAsync(session, id))!;
            await store.SaveAsync(session, incident with { EscalatedTo = to }, host.Clock.GetUtcNow());
        }, CancellationToken.None);
        return id;
    }

    /// <summary>A caller as the service sees one after token validation: TenantContextMiddleware fills it from the claims.</summary>
    private static async Task<TenantContext> CallerAsync(IncidentsHost host, string tenant, string role)
    {
        var http = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new(ClaimNames.Subject, Guid.NewGuid().ToString()), new(ClaimNames.PreferredUsername, $"{tenant}.{role}"),
                 new(ClaimNames.Tenant, tenant), new(ClaimNames.Role, role)], "test")),
            RequestServices = new DirectoryOnly(host.Get<TenantDirectory>()),
        };
        var caller = new TenantContext();
        await new TenantContextMiddleware(_ => Task.CompletedTask, NullLogger<TenantContextMiddleware>.Instance).InvokeAsync(http, caller);
        Assert.Equal(tenant, caller.TenantCode);
        return caller;
    }

    private sealed class DirectoryOnly(TenantDirectory directory) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(TenantDirectory) ? directory : null;
    }
}
