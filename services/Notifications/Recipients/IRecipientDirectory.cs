namespace Fenghuo.Notifications.Recipients;

/// <summary>The enabled users of a tenant holding a role.</summary>
public interface IRecipientDirectory
{
    Task<IReadOnlyList<Recipient>> UsersAsync(string tenantCode, string role, CancellationToken ct);
}
