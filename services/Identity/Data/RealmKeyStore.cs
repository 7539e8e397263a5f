using Dapper;
using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Identity.Data;

/// <summary>The realm's persisted keys, one per use ('sig', 'enc').</summary>
public sealed class RealmKeyStore
{
    private const string Select = """
        select use as Use, kid as Kid, material as Material from realm_key where use = @Use
        """;

    // Replicas starting together may each generate a key; the first insert wins and all read it back.
    private const string InsertIfMissing = """
        insert into realm_key (use, kid, material) values (@Use, @Kid, @Material) on conflict (use) do nothing
        """;

    public async Task<StoredKey> GetOrAddAsync(DbSession session, string use, Func<StoredKey> generate)
    {
        var existing = await session.Connection.QuerySingleOrDefaultAsync<StoredKey>(Select, new { Use = use }, session.Transaction);
        if (existing is not null)
        {
            return existing;
        }
        await session.Connection.ExecuteAsync(InsertIfMissing, generate(), session.Transaction);
        return await session.Connection.QuerySingleAsync<StoredKey>(Select, new { Use = use }, session.Transaction);
    }
}
