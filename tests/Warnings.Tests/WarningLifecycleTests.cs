using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Warnings.Acts;
using Fenghuo.Warnings.Data;
using Fenghuo.Warnings.Domain;
using Fenghuo.Warnings.Expiry;
using Fenghuo.Testing;

namespace Fenghuo.Warnings.Tests;

/// <summary>
/// The service on real PostgreSQL and RabbitMQ: who may propose, issue, adjust, lift and
/// acknowledge; what row-level security shows each tenant; that a refused act changes and
/// publishes nothing; and that a warning expires on the service's clock by itself.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class WarningLifecycleTests(PlatformInfrastructure infrastructure)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_city_warning_reaches_its_subtree_is_reported_to_its_parent_and_only_the_city_lifts_it()
    {
        await using var host = await WarningsHost.StartAsync(infrastructure, Now());
        var acts = host.Get<WarningActs>();
        var id = await ProposeAsync(host, "jincheng", "III");

        Assert.Null(await ReadAsync(host, "yangcheng", id)); // a proposal reaches nobody
        Assert.Null(await ReadAsync(host, "shanxi", id));
        var byDuty = await acts.IssueAsync(WarningsHost.As("jincheng", "duty-officer"), id, None);
        Assert.Equal("role_not_allowed", byDuty.Refusal?.Code);

        var issued = await acts.IssueAsync(WarningsHost.As("jincheng", "commander"), id, None);
        Assert.Equal(WarningState.InForce, issued.Record!.Warning.Status);
        Assert.Equal(["chengqu", "jincheng_energy", "yangcheng"], issued.Record.Receipts.Select(r => r.TenantCode).Order());

        var atYangcheng = (await ReadAsync(host, "yangcheng", id))!;
        Assert.Equal("received", Direction(atYangcheng, "yangcheng"));
        Assert.Equal(["yangcheng"], atYangcheng.Receipts.Select(r => r.TenantCode)); // receivers do not see each other
        Assert.Equal("reported", Direction((await ReadAsync(host, "shanxi", id))!, "shanxi"));
        Assert.Null(await ReadAsync(host, "xinzhou_edz", id));
        Assert.Null(await ReadAsync(host, "xinzhou", id));

        Assert.Null((await acts.AcknowledgeAsync(WarningsHost.As("yangcheng", "duty-officer"), id, None)).Refusal);
        Assert.Equal("already_acknowledged", (await acts.AcknowledgeAsync(WarningsHost.As("yangcheng", "duty-officer"), id, None)).Refusal?.Code);
        Assert.True(await acts.AcknowledgeAsync(WarningsHost.As("xinzhou_edz", "duty-officer"), id, None) is { IsMissing: true });
        var seenByIssuer = (await ReadAsync(host, "jincheng", id))!;
        Assert.Equal(["yangcheng"], seenByIssuer.Receipts.Where(r => r.AcknowledgedAt is not null).Select(r => r.TenantCode));

        var byReceiver = await acts.LiftAsync(WarningsHost.As("yangcheng", "commander"), id, new LiftRequest("阳城认为风险已消除"), None);
        Assert.Equal("not_issuer", byReceiver.Refusal?.Code);
        var byParent = await acts.LiftAsync(WarningsHost.As("shanxi", "commander"), id, new LiftRequest("省里认为风险已消除"), None);
        Assert.Equal("not_issuer", byParent.Refusal?.Code);
        var lifted = await acts.LiftAsync(WarningsHost.As("jincheng", "commander"), id, new LiftRequest("隐患已消除"), None);
        Assert.Equal(WarningState.Lifted, lifted.Record!.Warning.Status);
        var again = await acts.LiftAsync(WarningsHost.As("jincheng", "commander"), id, new LiftRequest("再次解除"), None);
        Assert.Equal((409, "already_lifted"), (again.Refusal!.Status, again.Refusal.Code));

        Assert.Equal(["proposed", "issued", "lifted"], lifted.Record.History.Select(h => h.Act));
        Assert.Equal(["alert", "cancel"], lifted.Record.History.Where(h => h.CapIdentifier is not null).Select(h => h.CapMessageType!));
        foreach (var type in new[] { "WarningIssued", "WarningAcknowledged", "WarningLifted" })
        {
            Assert.Equal(1, await host.CountAsync($"select count(*) from outbox where message_type = 'Fenghuo.Contracts.Warnings.{type}' and payload->>'warningId' = '{id}'"));
        }
        await Eventually.Until(async () => await host.CountAsync("select count(*) from outbox where sent_at is null") == 0, "the relay did not publish the events to the broker");

        // Every act is in the audit trail, the refused ones with why.
        Assert.Equal(1, await host.CountAsync("select count(*) from audit_event where action = 'warning.lift' and actor = 'yangcheng.commander' and outcome = 'refused:not_issuer'"));
        Assert.Equal(1, await host.CountAsync("select count(*) from audit_event where action = 'warning.issue' and actor = 'jincheng.commander' and outcome = 'success'"));
        Assert.Equal(1, await host.CountAsync("select count(*) from audit_event where action = 'warning.propose' and actor = 'jincheng.duty-officer' and outcome = 'success'"));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_field_errors_and_changes_and_publishes_nothing()
    {
        await using var host = await WarningsHost.StartAsync(infrastructure, Now());
        var acts = host.Get<WarningActs>();
        var commander = WarningsHost.As("chengqu", "commander");
        var refusedProposal = await host.Get<WarningProposals>().ProposeAsync(WarningsHost.As("chengqu", "duty-officer"),
            Proposal("red", host.Clock.GetUtcNow().AddDays(1)), null, None);
        Assert.Equal(["level"], refusedProposal.Errors.Select(e => e.Field));
        var pastExpiry = await host.Get<WarningProposals>().ProposeAsync(WarningsHost.As("chengqu", "duty-officer"),
            Proposal("situation_3", host.Clock.GetUtcNow().AddMinutes(-1)), null, None);
        Assert.Equal("in_the_past", Assert.Single(pastExpiry.Errors).Code);
        Assert.Equal(0, await host.CountAsync("select count(*) from warning"));

        var id = await ProposeAsync(host, "chengqu", "situation_3");
        await acts.IssueAsync(commander, id, None);
        var before = await StateAsync(host);

        Assert.Equal("same_level", Assert.Single((await acts.AdjustAsync(commander, id, new AdjustRequest("situation_3", "理由"), None)).Errors).Code);
        Assert.Equal("not_in_plan", Assert.Single((await acts.AdjustAsync(commander, id, new AdjustRequest("red", "理由"), None)).Errors).Code);
        Assert.Equal("required", Assert.Single((await acts.LiftAsync(commander, id, new LiftRequest(" "), None)).Errors).Code);
        Assert.Equal("not_issuer", (await acts.AdjustAsync(WarningsHost.As("jincheng", "commander"), id, new AdjustRequest("situation_1", "理由"), None)).Refusal?.Code ?? "hidden");

        Assert.Equal(before, await StateAsync(host));

        var raised = await acts.AdjustAsync(commander, id, new AdjustRequest("situation_1", "威胁扩散至全区"), None);
        Assert.Equal((WarningState.Adjusted, "situation_1"), (raised.Record!.Warning.Status, raised.Record.Warning.Level));
        Assert.Equal(1, await host.CountAsync("select count(*) from outbox where message_type = 'Fenghuo.Contracts.Warnings.WarningAdjusted' and (payload->>'raised')::boolean"));
    }

    [Fact]
    public async Task A_warning_in_force_expires_at_its_expiry_without_anyone_acting_and_is_announced_once()
    {
        var start = Now();
        await using var host = await WarningsHost.StartAsync(infrastructure, start);
        var id = await ProposeAsync(host, "xinzhou_edz", "yellow", expiresIn: TimeSpan.FromHours(2));
        var issued = await host.Get<WarningActs>().IssueAsync(WarningsHost.As("xinzhou_edz", "office-director"), id, None);
        Assert.Equal(WarningState.InForce, issued.Record!.Warning.Status);

        host.Clock.Advance(TimeSpan.FromHours(2).Add(TimeSpan.FromSeconds(1)));
        await Eventually.Until(async () => (await ReadAsync(host, "xinzhou_edz", id))!.Warning.Status == WarningState.Expired, "the warning did not expire");
        Assert.Equal(0, await host.Get<ExpiryScheduler>().ScanAsync(None)); // a later scan finds nothing more to end

        var record = (await ReadAsync(host, "xinzhou_edz", id))!;
        Assert.Equal("expired", record.History[^1].Act);
        Assert.Equal(1, await host.CountAsync($"select count(*) from outbox where message_type = 'Fenghuo.Contracts.Warnings.WarningExpired' and payload->>'warningId' = '{id}'"));
        var lateLift = await host.Get<WarningActs>().LiftAsync(WarningsHost.As("xinzhou_edz", "office-director"), id, new LiftRequest("到期后解除"), None);
        Assert.Equal("invalid_state", lateLift.Refusal?.Code);
    }

    [Fact]
    public async Task When_the_issuer_moves_under_another_parent_its_warnings_and_receipts_follow_it()
    {
        await using var host = await WarningsHost.StartAsync(infrastructure, Now());
        var id = await ProposeAsync(host, "jincheng", "IV");
        await host.Get<WarningActs>().IssueAsync(WarningsHost.As("jincheng", "commander"), id, None);

        var moved = new Contracts.Tenancy.JurisdictionState("jincheng", "晋城市", Contracts.Tenancy.JurisdictionKind.City, "xinzhou",
            "shanxi.xinzhou.jincheng", Contracts.Tenancy.JurisdictionStatus.Active, "140500", 2);
        await host.Get<BuildingBlocks.Data.TenantDatabase>().InTransactionAsync(BuildingBlocks.Data.TenantScope.None,
            session => BuildingBlocks.Tenancy.TenantRelocation.FollowAsync(session, moved), None);

        Assert.Equal(1, await host.CountAsync($"select count(*) from warning where id = '{id}' and tenant_path = 'shanxi.xinzhou.jincheng'"));
    }

    private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static WarningProposal Proposal(string level, DateTimeOffset expiresAt) =>
        new(level, "勒索病毒传播风险预警", "监测发现勒索病毒变种传播，可能影响重要信息系统", "harmful_program", "辖区内政务信息系统", ["排查 445 端口"],
            null, expiresAt, "internal", false);

    private static async Task<Guid> ProposeAsync(WarningsHost host, string tenant, string level, TimeSpan? expiresIn = null)
    {
        var outcome = await host.Get<WarningProposals>().ProposeAsync(WarningsHost.As(tenant, "duty-officer"),
            Proposal(level, host.Clock.GetUtcNow().Add(expiresIn ?? TimeSpan.FromDays(1))), null, None);
        Assert.True(outcome.Record is not null, $"proposal refused: {outcome.Refusal} {string.Join("; ", outcome.Errors)}");
        return outcome.Record.Warning.Id;
    }

    private static Task<WarningRecord?> ReadAsync(WarningsHost host, string tenant, Guid id) =>
        host.Get<ActRunner>().ReadAsync(WarningsHost.As(tenant, "analyst"), id, None);

    private static string Direction(WarningRecord record, string tenant) =>
        Apis.WarningViews.DirectionOf(record.Warning, tenant).ToString().ToLowerInvariant();

    /// <summary>Everything a refused act could have touched.</summary>
    private static async Task<(long, long, long, long)> StateAsync(WarningsHost host) => (
        await host.CountAsync("select count(*) from outbox"),
        await host.CountAsync("select count(*) from warning_history"),
        await host.CountAsync("select count(*) from warning where state = 'in_force' and level = 'situation_3'"),
        await host.CountAsync("select count(*) from warning_receipt where acknowledged_at is not null"));
}
