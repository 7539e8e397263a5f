using System.Reflection;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>Row-level security on the tenant tree, with the session tenant unset, wrong, or right.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class TenantIsolationTests(PlatformInfrastructure infrastructure)
{
    private const string CountVisible = "select count(*) from jurisdiction";

    [Fact]
    public async Task With_no_tenant_set_nothing_is_visible()
    {
        await using var dataSource = await MigratedJurisdictionsAsync();
        await using var bare = await dataSource.OpenConnectionAsync();
        Assert.Equal(0, await bare.ExecuteScalarAsync<int>(CountVisible));
        Assert.Equal(0, await new TenantDatabase(dataSource).InTransactionAsync(TenantScope.None, s => Count(s), CancellationToken.None));
    }

    [Fact]
    public async Task A_sibling_sees_only_its_own_line_of_command_and_a_city_sees_its_subtree()
    {
        await using var dataSource = await MigratedJurisdictionsAsync();
        var database = new TenantDatabase(dataSource);

        var chengqu = await database.InTransactionAsync(new TenantScope("chengqu", "shanxi.jincheng.chengqu"),
            s => s.Connection.QueryAsync<string>("select code from jurisdiction order by code", transaction: s.Transaction), CancellationToken.None);
        Assert.Equal(["chengqu", "jincheng", "shanxi"], chengqu);

        var jincheng = await database.InTransactionAsync(new TenantScope("jincheng", "shanxi.jincheng"),
            s => s.Connection.QueryAsync<string>("select code from jurisdiction where tenant_path <@ 'shanxi.jincheng' order by code", transaction: s.Transaction),
            CancellationToken.None);
        Assert.Equal(["chengqu", "jincheng", "jincheng_energy", "yangcheng"], jincheng);
    }

    [Fact]
    public async Task A_tenant_cannot_write_a_row_outside_its_subtree()
    {
        await using var dataSource = await MigratedJurisdictionsAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => new TenantDatabase(dataSource).InTransactionAsync(
            new TenantScope("chengqu", "shanxi.jincheng.chengqu"),
            s => s.Connection.ExecuteAsync("""
                insert into jurisdiction (code, name, kind, parent_code, tenant_path) values ('rogue', '越权', 'county', 'xinzhou', 'shanxi.xinzhou.rogue')
                """, transaction: s.Transaction),
            CancellationToken.None));
        Assert.Equal("42501", error.SqlState);
    }

    private static Task<int> Count(DbSession s) => s.Connection.ExecuteScalarAsync<int>(CountVisible, transaction: s.Transaction);

    private async Task<NpgsqlDataSource> MigratedJurisdictionsAsync()
    {
        var database = await infrastructure.ProvisionAsync("jurisdictions");
        var app = new NpgsqlConnectionStringBuilder(database.AppConnectionString).Username!;
        var scripts = MigrationRunner.ScriptsIn(typeof(MigrationRunner).Assembly, "platform")
            .Concat(MigrationRunner.ScriptsIn(Assembly.Load("Fenghuo.Jurisdictions"), "jurisdictions"));
        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).ApplyAsync(database.MigrationsConnectionString, app, scripts, CancellationToken.None);
        return NpgsqlDataSource.Create(database.AppConnectionString);
    }
}
