using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// Applies embedded, numbered SQL scripts once each, journaled in DbUp's schemaversions table,
/// under an advisory lock so replicas starting together migrate one at a time.
/// Scripts may use $app_role$ for the role the service runs as (grants are explicit in SQL).
/// A service whose tenant tables do not force row-level security, or do not let the service role
/// move rows with their tenant (TenantRelocation), does not start.
/// </summary>
public sealed class MigrationRunner(ILogger<MigrationRunner> logger)
{
    private const long LockKey = 0x46454E4748554F; // "FENGHUO"

    private const string CreateJournal = """
        create table if not exists schemaversions (
            schemaversionsid serial primary key,
            scriptname text not null unique,
            applied timestamptz not null default now())
        """;

    // Every table with tenant_path: forced row-level security, and UPDATE (tenant_path) for the service role.
    private const string UnsafeTenantTables = """
        select c.relname
               || case when not (c.relrowsecurity and c.relforcerowsecurity) then ' (row-level security not forced)' else '' end
               || case when not has_column_privilege(@AppRole, c.oid, a.attnum, 'UPDATE') then ' (no grant update (tenant_path) to the service role)' else '' end
        from pg_class c
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_path' and not a.attisdropped
        where c.relkind in ('r', 'p') and c.relnamespace = 'public'::regnamespace
          and (not (c.relrowsecurity and c.relforcerowsecurity) or not has_column_privilege(@AppRole, c.oid, a.attnum, 'UPDATE'))
        order by c.relname
        """;

    public static IReadOnlyList<MigrationScript> ScriptsIn(Assembly assembly, string journalPrefix)
    {
        const string marker = ".Data.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(marker, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                var file = n[(n.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
                return new MigrationScript($"{journalPrefix}/{file}", reader.ReadToEnd());
            })
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<int> ApplyAsync(string connectionString, string appRole, IEnumerable<MigrationScript> scripts, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: ct));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateJournal, cancellationToken: ct));
            var applied = (await connection.QueryAsync<string>("select scriptname from schemaversions")).ToHashSet(StringComparer.Ordinal);
            var count = 0;
            foreach (var script in scripts.Where(s => !applied.Contains(s.Name)))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(new CommandDefinition(Substitute(script.Sql, appRole), transaction: transaction, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(
                    "insert into schemaversions (scriptname) values (@Name)", new { script.Name }, transaction, cancellationToken: ct));
                await transaction.CommitAsync(ct);
                logger.LogInformation("Applied migration {Script}", script.Name);
                count++;
            }
            var unsafeTables = (await connection.QueryAsync<string>(new CommandDefinition(UnsafeTenantTables, new { AppRole = appRole }, cancellationToken: ct))).ToList();
            if (unsafeTables.Count > 0)
            {
                throw new InvalidOperationException($"Tenant tables a migration left unsafe: {string.Join(", ", unsafeTables)}");
            }
            return count;
        }
        finally
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    private static string Substitute(string sql, string appRole) =>
        sql.Replace("$app_role$", QuoteIdentifier(appRole), StringComparison.Ordinal);

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
