using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Tenancy;

namespace Fenghuo.BuildingBlocks.Tenancy;

/// <summary>
/// When a jurisdiction moves under another parent, its rows in every tenant table (any table with
/// tenant_code and tenant_path) take its new path, so its new parent sees them and its old one no
/// longer does. Found from the catalogue, so a new tenant table cannot be forgotten; each grants
/// UPDATE (tenant_path) to the service role (a test checks).
/// </summary>
public static class TenantRelocation
{
    private const string TenantTables = """
        select c.relname from pg_class c
        join pg_attribute code on code.attrelid = c.oid and code.attname = 'tenant_code' and not code.attisdropped
        join pg_attribute path on path.attrelid = c.oid and path.attname = 'tenant_path' and not path.attisdropped
        where c.relkind in ('r', 'p') and c.relnamespace = 'public'::regnamespace
        order by c.relname
        """;

    public static async Task FollowAsync(DbSession session, JurisdictionState state)
    {
        var tables = await session.Connection.QueryAsync<string>(TenantTables, transaction: session.Transaction);
        // The rows are the tenant's own, so it is the tenant that moves them (policies let a tenant see its rows by code).
        await TenantDatabase.UseScopeAsync(session, new TenantScope(state.Code, state.Path));
        foreach (var table in tables)
        {
            await session.Connection.ExecuteAsync(
                $"update \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" set tenant_path = @Path::ltree where tenant_code = @Code and tenant_path <> @Path::ltree",
                new { state.Code, state.Path }, session.Transaction);
        }
        await TenantDatabase.UseScopeAsync(session, session.Scope);
    }
}
