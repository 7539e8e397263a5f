using System.Reflection;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>
/// For every service: its migrations apply to a fresh database, the role it runs as can be no
/// more than a guest (owns nothing, no superuser, no BYPASSRLS), and every tenant table forces
/// row-level security.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ServiceDatabaseTests(PlatformInfrastructure infrastructure)
{
    public static TheoryData<string> Services => ["identity", "jurisdictions", "incidents", "warnings", "notifications", "exercises"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_service_role_owns_nothing_and_cannot_bypass_row_level_security(string service)
    {
        var (database, app) = await MigrateAsync(service);
        await using var connection = new NpgsqlConnection(database.MigrationsConnectionString);

        var role = await connection.QuerySingleAsync<(bool Super, bool BypassRls, bool CreateRole, bool CreateDb)>(
            "select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = @app", new { app });
        Assert.Equal((false, false, false, false), role);

        var owned = await connection.QueryAsync<string>("""
            select c.relname from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = @app
            union all select n.nspname from pg_namespace n join pg_roles r on r.oid = n.nspowner where r.rolname = @app
            union all select p.proname from pg_proc p join pg_roles r on r.oid = p.proowner where r.rolname = @app
            union all select d.datname from pg_database d join pg_roles r on r.oid = d.datdba where r.rolname = @app
            """, new { app });
        Assert.Empty(owned);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_tenant_table_forces_row_level_security(string service)
    {
        var (database, app) = await MigrateAsync(service);
        await using var connection = new NpgsqlConnection(database.MigrationsConnectionString);

        var unprotected = await connection.QueryAsync<string>("""
            select c.relname from pg_class c
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_path' and not a.attisdropped
            where c.relkind in ('r', 'p') and c.relnamespace = 'public'::regnamespace
              and not (c.relrowsecurity and c.relforcerowsecurity)
            """);
        Assert.Empty(unprotected);

        // A moved jurisdiction's rows follow it (TenantRelocation), which needs this on every tenant table.
        var unmovable = await connection.QueryAsync<string>("""
            select c.relname from pg_class c
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_path' and not a.attisdropped
            where c.relkind in ('r', 'p') and c.relnamespace = 'public'::regnamespace
              and not has_column_privilege(@app, c.oid, a.attnum, 'UPDATE')
            """, new { app });
        Assert.Empty(unmovable);

        var unsafeViews = await connection.QueryAsync<string>("""
            select c.relname from pg_class c
            where c.relkind = 'v' and c.relnamespace = 'public'::regnamespace
              and not coalesce('security_invoker=true' = any(c.reloptions), false)
            """);
        Assert.Empty(unsafeViews);
    }

    private async Task<(Fenghuo.AppHost.ServiceDatabase Database, string App)> MigrateAsync(string service)
    {
        var database = await infrastructure.ProvisionAsync(service);
        var app = new NpgsqlConnectionStringBuilder(database.AppConnectionString).Username!;
        var scripts = MigrationRunner.ScriptsIn(typeof(MigrationRunner).Assembly, "platform")
            .Concat(MigrationRunner.ScriptsIn(Assembly.Load($"Fenghuo.{char.ToUpperInvariant(service[0])}{service[1..]}"), service));
        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).ApplyAsync(database.MigrationsConnectionString, app, scripts, CancellationToken.None);
        return (database, app);
    }
}
