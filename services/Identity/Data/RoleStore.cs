using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Domain;

namespace Fenghuo.Identity.Data;

public sealed class RoleStore
{
    private const string Columns = "select id as Id, name as Name, description as Description from realm_role";

    private const string ListAll = Columns + " order by name";

    private const string FindByName = Columns + " where name = @Name";

    // Descriptions follow the realm file; ids, once given, stay.
    private const string Upsert = """
        insert into realm_role (id, name, description) values (@Id, @Name, @Description)
        on conflict (name) do update set description = excluded.description
        """;

    public async Task<IReadOnlyList<RealmRole>> ListAsync(DbSession session) =>
        (await session.Connection.QueryAsync<RealmRole>(ListAll, transaction: session.Transaction)).ToList();

    public Task<RealmRole?> FindAsync(DbSession session, string name) =>
        session.Connection.QuerySingleOrDefaultAsync<RealmRole>(FindByName, new { Name = name }, session.Transaction);

    public Task UpsertAsync(DbSession session, string name, string description) =>
        session.Connection.ExecuteAsync(Upsert, new { Id = Guid.NewGuid(), Name = name, Description = description }, session.Transaction);
}
