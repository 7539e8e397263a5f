using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class MigrationRunnerTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task Replicas_starting_together_apply_each_script_exactly_once()
    {
        var database = await infrastructure.ProvisionAsync("migrationrace");
        var app = new NpgsqlConnectionStringBuilder(database.AppConnectionString).Username!;
        var scripts = MigrationRunner.ScriptsIn(typeof(MigrationRunner).Assembly, "platform");
        var runner = new MigrationRunner(NullLogger<MigrationRunner>.Instance);

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            runner.ApplyAsync(database.MigrationsConnectionString, app, scripts, CancellationToken.None)));

        Assert.Equal(scripts.Count, applied.Sum());
        Assert.Equal(0, await runner.ApplyAsync(database.MigrationsConnectionString, app, scripts, CancellationToken.None));
        await using var connection = new NpgsqlConnection(database.MigrationsConnectionString);
        var journal = (await connection.QueryAsync<string>("select scriptname from schemaversions order by scriptname")).ToList();
        Assert.Equal(scripts.Select(s => s.Name), journal);
    }

    [Fact]
    public async Task A_tenant_table_the_service_role_cannot_move_with_its_tenant_stops_the_migration()
    {
        var database = await infrastructure.ProvisionAsync("migrationcheck");
        var app = new NpgsqlConnectionStringBuilder(database.AppConnectionString).Username!;
        var forgotten = new MigrationScript("check/0001_forgotten_grant.sql", """
            create table tally (tenant_code text not null, tenant_path ltree not null, n int not null);
            alter table tally enable row level security;
            alter table tally force row level security;
            grant select, insert on tally to $app_role$;
            """);
        var scripts = MigrationRunner.ScriptsIn(typeof(MigrationRunner).Assembly, "platform").Append(forgotten);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new MigrationRunner(NullLogger<MigrationRunner>.Instance).ApplyAsync(database.MigrationsConnectionString, app, scripts, CancellationToken.None));

        Assert.Contains("tally (no grant update (tenant_path) to the service role)", error.Message);
    }
}
