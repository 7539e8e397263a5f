using System.Text.Json;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Identity.Domain;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Identity.Data;

/// <summary>
/// This service's entries in the platform's audit trail: logins, lockouts, password changes and
/// every admin change to a user, filed under the user's jurisdiction (empty for platform users).
/// </summary>
public sealed class IdentityAudit(AuditTrail trail, TimeProvider time)
{
    public const string Success = "success";
    public const string Failure = "failure";

    public Task RecordAsync(DbSession session, string actor, string action, RealmUser? target, string outcome, object? details = null) =>
        RecordAsync(session, actor, action, target?.Tenant ?? string.Empty, target is null ? null : $"user:{target.Id} {target.Username}", outcome, details);

    public Task RecordAsync(DbSession session, string actor, string action, string tenantCode, string? target, string outcome, object? details = null) =>
        trail.AppendAsync(session, new AuditEntry(
            time.GetUtcNow(), tenantCode, actor, action, target, outcome, CorrelationId.Current,
            JsonSerializer.Serialize(details ?? new { }, FenghuoJson.Options)));
}
