using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Incidents.Acts;
using Fenghuo.Testing;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// Acts whose roles the plan names per response level answer who may act before anything else: a
/// caller the plan names for no level hears 403, not that the incident is in the wrong state (409) or
/// that the level is not in the plan (400), and the refused act leaves the incident as it was.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ResponseAuthorisationTests(PlatformInfrastructure infrastructure)
{
    private static readonly TenantScope Yangcheng = new("yangcheng", Reported.YangchengPath);

    [Fact]
    public async Task A_duty_officer_the_plan_names_for_no_level_is_refused_for_lacking_the_role_whatever_the_state_or_level_and_nothing_changes()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var acts = host.Get<ResponseActs>();
        var duty = await Callers.AsAsync(host, "yangcheng", "duty-officer");
        var before = await SnapshotAsync(host, id);

        var refusals = new[]
        {
            await acts.StartAsync(duty, id, new LevelRequest("III"), default),
            await acts.StartAsync(duty, id, new LevelRequest("IX"), default),
            await acts.ChangeLevelAsync(duty, id, new LevelRequest("II"), default),
            await acts.ControlAsync(duty, id, default),
            await acts.EndAsync(duty, id, default),
        };
        Assert.All(refusals, r => Assert.Equal(("role_not_allowed", 403), (r.Refusal?.Code, r.Refusal?.Status)));
        Assert.Equal(before, await SnapshotAsync(host, id));
        Assert.Equal(5, await host.Get<TenantDatabase>().InTransactionAsync(Yangcheng, s => s.Connection.ExecuteScalarAsync<int>(
            "select count(*) from audit_event where actor = 'yangcheng.duty-officer' and outcome = 'refused'", transaction: s.Transaction), CancellationToken.None));

        var commander = await acts.StartAsync(await Callers.AsAsync(host, "yangcheng", "office-director"), id, new LevelRequest("III"), default);
        Assert.Equal(("invalid_state", 409), (commander.Refusal?.Code, commander.Refusal?.Status));
        Assert.Equal(IncidentState.Reported, (await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!.Incident.State);

        // A done act's audit entry is written in the round trip that re-reads the record.
        var assessed = await acts.AssessAsync(duty, id, new AssessmentRequest("confirmed", "large", false), default);
        Assert.Equal(IncidentState.Confirmed, assessed.Record!.Incident.State);
        Assert.Equal(1, await host.Get<TenantDatabase>().InTransactionAsync(Yangcheng, s => s.Connection.ExecuteScalarAsync<int>(
            "select count(*) from audit_event where actor = 'yangcheng.duty-officer' and action = 'incident.assess' and outcome = 'success' and target = @Number",
            new { assessed.Record.Incident.Number }, s.Transaction), CancellationToken.None));
    }

    /// <summary>The incident with its clocks, timeline and escalations, and the events written about it.</summary>
    private static async Task<string> SnapshotAsync(IncidentsHost host, Guid id)
    {
        var record = await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id);
        var events = await host.Get<TenantDatabase>().InTransactionAsync(Yangcheng, s => s.Connection.ExecuteScalarAsync<int>(
            "select count(*) from outbox where payload->>'incidentId' = @Id", new { Id = id.ToString() }, s.Transaction), CancellationToken.None);
        return $"{JsonSerializer.Serialize(record, FenghuoJson.Options)} events: {events}";
    }
}
