using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Identity.Domain;

namespace Fenghuo.Identity.Login;

/// <summary>Looks up the user's jurisdiction in the tenant directory to decide <see cref="RealmUser.StandingIn"/>.</summary>
public sealed class AccountStandingCheck(TenantDirectory directory)
{
    public async Task<AccountStanding> OfAsync(RealmUser user, CancellationToken ct) =>
        user.StandingIn(user.Tenant is { } tenant ? await directory.FindAsync(tenant, ct) : null);
}
