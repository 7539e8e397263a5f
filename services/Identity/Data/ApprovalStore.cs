using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Identity.Domain;

namespace Fenghuo.Identity.Data;

/// <summary>Admin changes waiting for a second administrator.</summary>
public sealed class ApprovalStore
{
    private const string Columns = """
        id as Id, action as Action, user_id as UserId, payload::text as Payload, requested_by as RequestedBy,
        requested_by_name as RequestedByName, requested_at as RequestedAt, approved_by as ApprovedBy, approved_at as ApprovedAt
        """;

    private const string Insert = """
        insert into admin_approval (id, action, user_id, payload, requested_by, requested_by_name, requested_at)
        values (@Id, @Action, @UserId, @Payload::jsonb, @RequestedBy, @RequestedByName, @RequestedAt)
        """;

    private const string Lock = $"select {Columns} from admin_approval where id = @Id for update";

    private const string Pending = $"select {Columns} from admin_approval where approved_at is null order by requested_at";

    private const string Approve = """
        update admin_approval set approved_by = @ApprovedBy, approved_by_name = @ApprovedByName, approved_at = @ApprovedAt
        where id = @Id and approved_at is null
        """;

    private const string Administrators = """
        select count(*) from realm_user_role ur join realm_role r on r.id = ur.role_id join realm_user u on u.id = ur.user_id
        where r.name = @Role and u.enabled
        """;

    /// <summary>Enabled users holding platform-admin: while there is one, nobody else could approve anything.</summary>
    public Task<int> AdministratorsAsync(DbSession session) =>
        session.Connection.ExecuteScalarAsync<int>(Administrators, new { Role = Fenghuo.ServiceDefaults.Auth.Roles.PlatformAdmin }, session.Transaction);

    public Task AddAsync(DbSession session, AdminApproval approval) =>
        session.Connection.ExecuteAsync(Insert, new
        {
            approval.Id,
            Action = EnumLabel.Of(approval.Action),
            approval.UserId,
            approval.Payload,
            approval.RequestedBy,
            approval.RequestedByName,
            RequestedAt = approval.RequestedAt.UtcDateTime,
        }, session.Transaction);

    public async Task<AdminApproval?> LockAsync(DbSession session, Guid id) =>
        (await session.Connection.QuerySingleOrDefaultAsync<Row>(Lock, new { Id = id }, session.Transaction))?.ToApproval();

    public async Task<IReadOnlyList<AdminApproval>> PendingAsync(DbSession session) =>
        (await session.Connection.QueryAsync<Row>(Pending, transaction: session.Transaction)).Select(r => r.ToApproval()).ToList();

    public Task ApproveAsync(DbSession session, Guid id, string approvedBy, string approvedByName, DateTimeOffset at) =>
        session.Connection.ExecuteAsync(Approve, new { Id = id, ApprovedBy = approvedBy, ApprovedByName = approvedByName, ApprovedAt = at.UtcDateTime }, session.Transaction);

    private sealed record Row(Guid Id, string Action, Guid UserId, string Payload, string RequestedBy, string RequestedByName,
        DateTime RequestedAt, string? ApprovedBy, DateTime? ApprovedAt)
    {
        public AdminApproval ToApproval() => new(Id,
            EnumLabel.TryParse<ApprovalAction>(Action, out var action) ? action : throw new InvalidOperationException($"Unknown approval action '{Action}'"),
            UserId, Payload, RequestedBy, RequestedByName, new DateTimeOffset(RequestedAt, TimeSpan.Zero), ApprovedBy,
            ApprovedAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null);
    }
}
