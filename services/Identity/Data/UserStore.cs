using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Domain;

namespace Fenghuo.Identity.Data;

public sealed class UserStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        select u.id as Id, u.username as Username, u.first_name as FirstName, u.last_name as LastName, u.email as Email,
               u.email_verified as EmailVerified, u.enabled as Enabled, u.attributes::text as Attributes,
               u.required_actions as RequiredActions,
               array(select r.name from realm_user_role ur join realm_role r on r.id = ur.role_id
                     where ur.user_id = u.id order by r.name) as Roles,
               u.service_account_client_id as ServiceAccountClientId, u.created_at as CreatedAt, u.not_before as NotBefore
        from realm_user u
        """;

    private const string FindById = Columns + " where u.id = @Id";

    private const string FindByUsername = Columns + " where u.username = lower(@Username)";

    private const string FindServiceAccount = Columns + " where u.service_account_client_id = @ClientId";

    private const string Search = Columns + """
         where u.service_account_client_id is null
          and (@UsernamePattern::text is null or u.username like @UsernamePattern)
          and (@EmailPattern::text is null or lower(u.email) like @EmailPattern)
          and (@SearchPattern::text is null or u.username like @SearchPattern or lower(u.email) like @SearchPattern
               or lower(u.first_name) like @SearchPattern or lower(u.last_name) like @SearchPattern)
          and (@Attributes::jsonb is null or u.attributes @> @Attributes::jsonb)
          and (@Enabled::boolean is null or u.enabled = @Enabled)
        order by u.username offset @First limit @Max
        """;

    private const string Insert = """
        insert into realm_user (id, username, email, first_name, last_name, enabled, email_verified, attributes, required_actions,
                                password_hash, service_account_client_id, created_at)
        values (@Id, lower(@Username), @Email, @FirstName, @LastName, @Enabled, @EmailVerified, @Attributes::jsonb, @RequiredActions,
                @PasswordHash, @ServiceAccountClientId, @CreatedAt);
        insert into realm_user_role (user_id, role_id) select @Id, id from realm_role where name = any(@Roles);
        """;

    private const string Update = """
        update realm_user
        set email = @Email, first_name = @FirstName, last_name = @LastName, enabled = @Enabled, email_verified = @EmailVerified,
            attributes = @Attributes::jsonb, required_actions = @RequiredActions
        where id = @Id
        """;

    private const string SelectPasswordHash = "select password_hash from realm_user where id = @Id";

    private const string UpdatePassword = """
        update realm_user set password_hash = @PasswordHash, required_actions = @RequiredActions, not_before = @NotBefore where id = @Id
        """;

    private const string Delete = "delete from realm_user where id = @Id";

    private const string AddRoles = """
        insert into realm_user_role (user_id, role_id) select @Id, unnest(@RoleIds) on conflict do nothing
        """;

    private const string RemoveRoles = "delete from realm_user_role where user_id = @Id and role_id = any(@RoleIds)";

    public async Task<RealmUser?> FindAsync(DbSession session, Guid id) =>
        (await session.Connection.QuerySingleOrDefaultAsync<Row>(FindById, new { Id = id }, session.Transaction))?.ToUser();

    public async Task<RealmUser?> FindByUsernameAsync(DbSession session, string username) =>
        (await session.Connection.QuerySingleOrDefaultAsync<Row>(FindByUsername, new { Username = username }, session.Transaction))?.ToUser();

    public async Task<RealmUser?> FindServiceAccountAsync(DbSession session, string clientId) =>
        (await session.Connection.QuerySingleOrDefaultAsync<Row>(FindServiceAccount, new { ClientId = clientId }, session.Transaction))?.ToUser();

    public async Task<IReadOnlyList<RealmUser>> SearchAsync(DbSession session, UserQuery query)
    {
        var rows = await session.Connection.QueryAsync<Row>(Search, new
        {
            UsernamePattern = Pattern(query.Username, query.Exact),
            EmailPattern = Pattern(query.Email, query.Exact),
            SearchPattern = Pattern(query.Search, exact: false),
            Attributes = query.Attributes.Count == 0
                ? null
                : JsonSerializer.Serialize(query.Attributes.ToDictionary(a => a.Key, a => new[] { a.Value }), Json),
            query.Enabled,
            query.First,
            query.Max,
        }, session.Transaction);
        return rows.Select(r => r.ToUser()).ToList();
    }

    /// <summary>Stores a new user with its realm roles (by name); a taken username or e-mail raises a unique violation.</summary>
    public Task InsertAsync(DbSession session, RealmUser user, string? passwordHash) =>
        session.Connection.ExecuteAsync(Insert, new
        {
            user.Id,
            user.Username,
            user.Email,
            user.FirstName,
            user.LastName,
            user.Enabled,
            user.EmailVerified,
            Attributes = JsonSerializer.Serialize(user.Attributes, Json),
            RequiredActions = user.RequiredActions.ToArray(),
            PasswordHash = passwordHash,
            user.ServiceAccountClientId,
            user.CreatedAt,
            Roles = user.Roles.ToArray(),
        }, session.Transaction);

    /// <summary>Writes the profile fields an administrator may change; username, roles and credentials have their own calls.</summary>
    public Task UpdateAsync(DbSession session, RealmUser user) =>
        session.Connection.ExecuteAsync(Update, new
        {
            user.Id,
            user.Email,
            user.FirstName,
            user.LastName,
            user.Enabled,
            user.EmailVerified,
            Attributes = JsonSerializer.Serialize(user.Attributes, Json),
            RequiredActions = user.RequiredActions.ToArray(),
        }, session.Transaction);

    public Task<string?> PasswordHashAsync(DbSession session, Guid id) =>
        session.Connection.QuerySingleOrDefaultAsync<string?>(SelectPasswordHash, new { Id = id }, session.Transaction);

    public Task SetPasswordAsync(DbSession session, Guid id, string passwordHash, IReadOnlyList<string> requiredActions, DateTimeOffset notBefore) =>
        session.Connection.ExecuteAsync(UpdatePassword, new
        {
            Id = id,
            PasswordHash = passwordHash,
            RequiredActions = requiredActions.ToArray(),
            NotBefore = notBefore.UtcDateTime,
        }, session.Transaction);

    public async Task<bool> DeleteAsync(DbSession session, Guid id) =>
        await session.Connection.ExecuteAsync(Delete, new { Id = id }, session.Transaction) == 1;

    public Task AddRolesAsync(DbSession session, Guid id, IReadOnlyCollection<Guid> roleIds) =>
        session.Connection.ExecuteAsync(AddRoles, new { Id = id, RoleIds = roleIds.ToArray() }, session.Transaction);

    public Task RemoveRolesAsync(DbSession session, Guid id, IReadOnlyCollection<Guid> roleIds) =>
        session.Connection.ExecuteAsync(RemoveRoles, new { Id = id, RoleIds = roleIds.ToArray() }, session.Transaction);

    /// <summary>A LIKE pattern with the caller's own wildcards taken literally.</summary>
    private static string? Pattern(string? value, bool exact)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        var escaped = value.ToLowerInvariant().Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
        return exact ? escaped : $"%{escaped}%";
    }

    // A class rather than a positional record: Dapper reports text[] columns as System.Array, which
    // no constructor parameter matches, but it assigns them to string[] properties.
    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Username { get; set; } = string.Empty;
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Email { get; set; }
        public bool EmailVerified { get; set; }
        public bool Enabled { get; set; }
        public string Attributes { get; set; } = "{}";
        public string[] RequiredActions { get; set; } = [];
        public string[] Roles { get; set; } = [];
        public string? ServiceAccountClientId { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime? NotBefore { get; set; }

        public RealmUser ToUser() => new(
            Id, Username, FirstName, LastName, Email, EmailVerified, Enabled,
            (JsonSerializer.Deserialize<Dictionary<string, List<string>>>(Attributes, Json) ?? [])
                .ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value, StringComparer.Ordinal),
            RequiredActions, Roles, ServiceAccountClientId,
            new DateTimeOffset(CreatedAt, TimeSpan.Zero),
            NotBefore is { } notBefore ? new DateTimeOffset(notBefore, TimeSpan.Zero) : null);
    }
}
