using Fenghuo.Notifications.Recipients;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Notifications.Tests;

/// <summary>
/// The seeded realm's users of four tenants, standing in for the identity service in service
/// tests (the end-to-end tests read the real realm). A tenant's users are only ever its own.
/// </summary>
public sealed class RealmUsers : IRecipientDirectory
{
    private static readonly string[] Told =
        [ServiceDefaults.Auth.Roles.Commander, ServiceDefaults.Auth.Roles.DeputyCommander, ServiceDefaults.Auth.Roles.OfficeDirector, ServiceDefaults.Auth.Roles.DutyOfficer];

    public Task<IReadOnlyList<Recipient>> UsersAsync(string tenantCode, string role, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Recipient>>(Told.Contains(role) && tenantCode is "jincheng" or "yangcheng" or "chengqu" or "jincheng_energy"
            ? [new Recipient(Username(tenantCode, role), role, $"{Username(tenantCode, role)}@example.gov.cn")]
            : []);

    public static string Username(string tenantCode, string role) => role switch
    {
        ServiceDefaults.Auth.Roles.Commander => $"{tenantCode}.commander",
        ServiceDefaults.Auth.Roles.DeputyCommander => $"{tenantCode}.deputy",
        ServiceDefaults.Auth.Roles.OfficeDirector => $"{tenantCode}.director",
        _ => $"{tenantCode}.duty",
    };
}
