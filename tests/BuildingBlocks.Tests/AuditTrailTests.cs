using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class AuditTrailTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task Editing_a_recorded_act_breaks_the_chain_at_that_row_and_the_service_role_cannot_edit_at_all()
    {
        var database = await infrastructure.ProvisionAsync("audittrail");
        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).ApplyAsync(
            database.MigrationsConnectionString, AppRole(database),
            MigrationRunner.ScriptsIn(typeof(MigrationRunner).Assembly, "platform"), CancellationToken.None);
        await using var dataSource = NpgsqlDataSource.Create(database.AppConnectionString);
        var tenants = new TenantDatabase(dataSource);
        var audit = new AuditTrail();
        var scope = new TenantScope("yangcheng", "shanxi.jincheng.yangcheng");

        foreach (var action in new[] { "incident.report", "incident.assess", "response.start" })
        {
            await tenants.InTransactionAsync(scope, s => audit.AppendAsync(s, new AuditEntry(
                DateTimeOffset.UtcNow, "yangcheng", "yangcheng.duty", action, "阳城-2026-0001", "success", "c-1", """{"level":"I"}""")), CancellationToken.None);
        }
        Assert.Null(await tenants.InTransactionAsync(scope, audit.FindFirstBreakAsync, CancellationToken.None));

        var denied = await Assert.ThrowsAsync<PostgresException>(() => tenants.InTransactionAsync(scope,
            s => s.Connection.ExecuteAsync("update audit_event set actor = 'mallory'", transaction: s.Transaction), CancellationToken.None));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);

        await using (var owner = new NpgsqlConnection(database.MigrationsConnectionString))
        {
            await owner.ExecuteAsync("update audit_event set details = '{\"level\":\"III\"}' where id = (select min(id) + 1 from audit_event)");
        }
        Assert.Equal(2, await tenants.InTransactionAsync(scope, audit.FindFirstBreakAsync, CancellationToken.None));
    }

    private static string AppRole(Fenghuo.AppHost.ServiceDatabase database) =>
        new NpgsqlConnectionStringBuilder(database.AppConnectionString).Username!;
}
