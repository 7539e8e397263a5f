using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.Jurisdictions.Domain;

namespace Fenghuo.Jurisdictions.Data;

/// <summary>Reads and writes the tenant tree. Row-level security narrows every query to what the session's tenant may see.</summary>
public sealed class JurisdictionStore
{
    private const string Columns = """
        select code as Code, name as Name, kind as Kind, parent_code as ParentCode, tenant_path::text as Path,
               status as Status, division_code as DivisionCode, duty_phone as DutyPhone, revision as Revision,
               created_at as CreatedAt, updated_at as UpdatedAt
        from jurisdiction
        """;

    // The caller's own jurisdiction and its subtree; ancestors are visible to RLS but not listed here.
    private const string ListSubtree = Columns + """
         where tenant_path <@ @Path::ltree order by tenant_path
        """;

    private const string ListAll = Columns + " order by tenant_path";

    private const string FindByCode = Columns + " where code = @Code";

    private const string CodeExists = "select exists (select 1 from tenant_directory where code = @Code)";

    private const string ParentForOnboarding = """
        select code as Code, name as Name, kind as Kind, parent_code as ParentCode, path::text as Path, status as Status,
               division_code as DivisionCode, null as DutyPhone, revision as Revision, updated_at as CreatedAt, updated_at as UpdatedAt
        from tenant_directory where code = @Code
        """;

    private const string Insert = """
        insert into jurisdiction (code, name, kind, parent_code, tenant_path, division_code, duty_phone)
        values (@Code, @Name, @Kind, @ParentCode, @Path::ltree, @DivisionCode, @DutyPhone)
        returning code as Code, name as Name, kind as Kind, parent_code as ParentCode, tenant_path::text as Path,
                  status as Status, division_code as DivisionCode, duty_phone as DutyPhone, revision as Revision,
                  created_at as CreatedAt, updated_at as UpdatedAt
        """;

    private const string Returning = """
        returning code as Code, name as Name, kind as Kind, parent_code as ParentCode, tenant_path::text as Path,
                  status as Status, division_code as DivisionCode, duty_phone as DutyPhone, revision as Revision,
                  created_at as CreatedAt, updated_at as UpdatedAt
        """;

    private const string SetStatus = """
        update jurisdiction set status = @Status, revision = nextval('jurisdiction_revision'), updated_at = now()
        where code = @Code and status <> @Status
        """ + "\n" + Returning;

    // The moved jurisdiction and everything below it keep their place relative to it.
    private const string MoveSubtree = """
        update jurisdiction
        set tenant_path = case when tenant_path = @OldPath::ltree then @NewPath::ltree
                               else @NewPath::ltree || subpath(tenant_path, nlevel(@OldPath::ltree)) end,
            parent_code = case when code = @Code then @ParentCode else parent_code end,
            revision = nextval('jurisdiction_revision'), updated_at = now()
        where tenant_path <@ @OldPath::ltree
        """ + "\n" + Returning;

    private const string MovePlans = """
        update plan_version
        set tenant_path = case when tenant_path = @OldPath::ltree then @NewPath::ltree
                               else @NewPath::ltree || subpath(tenant_path, nlevel(@OldPath::ltree)) end
        where tenant_path <@ @OldPath::ltree
        """;

    public async Task<IReadOnlyList<Jurisdiction>> ListVisibleAsync(DbSession session) =>
        (session.Scope.Path.Length > 0
            ? await session.Connection.QueryAsync<Row>(ListSubtree, new { session.Scope.Path }, session.Transaction)
            : session.Scope.PlatformAdmin
                ? await session.Connection.QueryAsync<Row>(ListAll, transaction: session.Transaction)
                : [])
        .Select(r => r.ToJurisdiction()).ToList();

    public async Task<Jurisdiction?> FindAsync(DbSession session, string code) =>
        (await session.Connection.QuerySingleOrDefaultAsync<Row>(FindByCode, new { Code = code }, session.Transaction))?.ToJurisdiction();

    /// <summary>
    /// Placement checks read the tenant directory, which every code is in whatever the caller may
    /// see, so "taken" and "parent missing" are decided on the whole tree.
    /// </summary>
    public Task<bool> CodeExistsAsync(DbSession session, string code) =>
        session.Connection.ExecuteScalarAsync<bool>(CodeExists, new { Code = code }, session.Transaction);

    public async Task<Jurisdiction?> FindParentAsync(DbSession session, string code) =>
        (await session.Connection.QuerySingleOrDefaultAsync<Row>(ParentForOnboarding, new { Code = code }, session.Transaction))?.ToJurisdiction();

    public async Task<Jurisdiction> InsertAsync(DbSession session, OnboardingRequest request, string path)
    {
        var row = await session.Connection.QuerySingleAsync<Row>(Insert, new
        {
            request.Code,
            request.Name,
            Kind = EnumLabel.Of(request.Kind!.Value),
            request.ParentCode,
            Path = path,
            request.DivisionCode,
            request.DutyPhone,
        }, session.Transaction);
        return row.ToJurisdiction();
    }

    /// <returns>The jurisdiction in its new state, or null when it already had that status.</returns>
    public async Task<Jurisdiction?> SetStatusAsync(DbSession session, string code, JurisdictionStatus status) =>
        (await session.Connection.QuerySingleOrDefaultAsync<Row>(SetStatus, new { Code = code, Status = EnumLabel.Of(status) }, session.Transaction))?.ToJurisdiction();

    /// <returns>Every jurisdiction whose path changed: the moved one and its whole subtree.</returns>
    public async Task<IReadOnlyList<Jurisdiction>> MoveAsync(DbSession session, Jurisdiction moved, Jurisdiction newParent)
    {
        var change = new { moved.Code, ParentCode = newParent.Code, OldPath = moved.Path, NewPath = $"{newParent.Path}.{moved.Code}" };
        var rows = await session.Connection.QueryAsync<Row>(MoveSubtree, change, session.Transaction);
        await session.Connection.ExecuteAsync(MovePlans, change, session.Transaction);
        return rows.Select(r => r.ToJurisdiction()).ToList();
    }

    private sealed record Row(
        string Code, string Name, string Kind, string? ParentCode, string Path, string Status,
        string? DivisionCode, string? DutyPhone, long Revision, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public Jurisdiction ToJurisdiction()
        {
            EnumLabel.TryParse<JurisdictionKind>(Kind, out var kind);
            EnumLabel.TryParse<JurisdictionStatus>(Status, out var status);
            return new Jurisdiction(Code, Name, kind, ParentCode, Path, status, DivisionCode, DutyPhone, Revision,
                new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)), new DateTimeOffset(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc)));
        }
    }
}
