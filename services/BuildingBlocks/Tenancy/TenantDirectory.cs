using System.Collections.Concurrent;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Tenancy;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Tenancy;

/// <summary>
/// This service's copy of the tenant tree, kept from Jurisdictions' events. A service that looks
/// up its caller's tenant on every request may keep entries for a moment (<paramref name="keepFor"/>):
/// the copy already follows Jurisdictions a message behind, an entry this process applies is dropped at
/// once, and one applied by another instance of the service is seen within <paramref name="keepFor"/>.
/// </summary>
public sealed class TenantDirectory(NpgsqlDataSource dataSource, TimeSpan keepFor = default)
{
    private readonly ConcurrentDictionary<string, (TenantEntry? Entry, long Until)> kept = new(StringComparer.Ordinal);

    private const string SelectColumns = """
        select code as Code, name as Name, kind as Kind, parent_code as ParentCode, path::text as Path,
               status as Status, division_code as DivisionCode, revision as Revision
        from tenant_directory
        """;

    // An older revision arriving late (redelivery, snapshot racing an update) never overwrites a newer one.
    private const string Upsert = """
        insert into tenant_directory (code, name, kind, parent_code, path, status, division_code, revision, updated_at)
        values (@Code, @Name, @Kind, @ParentCode, @Path::ltree, @Status, @DivisionCode, @Revision, now())
        on conflict (code) do update
        set name = excluded.name, kind = excluded.kind, parent_code = excluded.parent_code, path = excluded.path,
            status = excluded.status, division_code = excluded.division_code, revision = excluded.revision, updated_at = now()
        where tenant_directory.revision < excluded.revision
        """;

    public async Task<TenantEntry?> FindAsync(string code, CancellationToken ct)
    {
        if (keepFor > TimeSpan.Zero && kept.TryGetValue(code, out var held) && Environment.TickCount64 < held.Until)
        {
            return held.Entry;
        }
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(SelectColumns + " where code = @code", new { code }, cancellationToken: ct));
        var entry = row?.ToEntry();
        if (keepFor > TimeSpan.Zero)
        {
            kept[code] = (entry, Environment.TickCount64 + (long)keepFor.TotalMilliseconds);
        }
        return entry;
    }

    public async Task<IReadOnlyList<TenantEntry>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(SelectColumns + " order by path", cancellationToken: ct));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    /// <returns>Whether the state was newer than what was stored.</returns>
    public async Task<bool> ApplyAsync(DbSession session, JurisdictionState state)
    {
        kept.TryRemove(state.Code, out _);
        return await session.Connection.ExecuteAsync(Upsert, new
        {
            state.Code,
            state.Name,
            Kind = EnumLabel.Of(state.Kind),
            state.ParentCode,
            state.Path,
            Status = EnumLabel.Of(state.Status),
            state.DivisionCode,
            state.Revision,
        }, session.Transaction) == 1;
    }

    private sealed record Row(string Code, string Name, string Kind, string? ParentCode, string Path, string Status, string? DivisionCode, long Revision)
    {
        public TenantEntry ToEntry() => new(Code, Name, Kind, ParentCode, Path, Status == EnumLabel.Of(JurisdictionStatus.Active), DivisionCode, Revision);
    }
}
