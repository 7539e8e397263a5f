using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Login;
using Fenghuo.Identity.Realm;
using Microsoft.Extensions.Options;

namespace Fenghuo.Identity.Data;

/// <summary>
/// Brings the database in line with the realm file at every start. Roles and clients follow the
/// file; users are only added: one that exists (by username) is left as it is, so passwords,
/// roles and attributes changed since are never overwritten.
/// </summary>
public sealed class RealmSeeder(
    TenantDatabase database,
    RoleStore roles,
    ClientStore clients,
    UserStore users,
    PasswordChange passwords,
    RealmDefinition realm,
    IdentityAudit audit,
    IOptions<RealmSeedOptions> options,
    TimeProvider time,
    ILogger<RealmSeeder> logger)
{
    // Replicas starting together seed one after the other.
    private const long SeedLock = 0x5245414C4D; // "REALM"

    public async Task SeedAsync(CancellationToken ct)
    {
        var representation = realm.Representation;
        var demoPassword = options.Value.DemoPassword;
        if (realm.PasswordPolicy.Check(demoPassword, string.Empty, null).Count > 0)
        {
            throw new InvalidOperationException($"{RealmSeedOptions.Section}:DemoPassword does not satisfy the realm's password policy ({representation.PasswordPolicy}).");
        }

        var added = await database.InTransactionAsync(TenantScope.None, async session =>
        {
            await session.Connection.ExecuteAsync("select pg_advisory_xact_lock(@SeedLock)", new { SeedLock }, session.Transaction);
            foreach (var role in representation.Roles?.Realm ?? [])
            {
                await roles.UpsertAsync(session, role.Name!, role.Description!);
            }
            foreach (var client in representation.Clients)
            {
                await clients.UpsertAsync(session, ToClient(client));
            }

            var existing = await users.UsernamesAsync(session);
            var missing = representation.Users.Where(u => !existing.Contains(u.Username!)).ToList();
            var now = time.GetUtcNow();
            var newUsers = missing.Select(u => UserMapping.NewUser(u, Guid.NewGuid(), now, u.RealmRoles ?? [])).ToList();
            // Hashing is deliberately slow; on a first start dozens of users are hashed at once.
            var hashes = await Task.WhenAll(missing.Zip(newUsers).Select(pair => Task.Run(() =>
                pair.First.Credentials is [_] ? passwords.Hash(pair.Second, demoPassword) : null, ct)));
            for (var i = 0; i < newUsers.Count; i++)
            {
                await users.InsertAsync(session, newUsers[i], hashes[i]);
            }
            if (newUsers.Count > 0)
            {
                await audit.RecordAsync(session, "system", "identity.realm.seed", string.Empty, realm.Name, IdentityAudit.Success,
                    new { users = newUsers.Select(u => u.Username).ToArray() });
            }
            return newUsers.Count;
        }, ct);
        logger.LogInformation("Realm {Realm} seeded: {Roles} roles, {Clients} clients, {Added} users added",
            realm.Name, representation.Roles?.Realm.Count ?? 0, representation.Clients.Count, added);
    }

    private RealmClient ToClient(ClientRepresentation client)
    {
        var secret = options.Value.ClientSecrets.GetValueOrDefault(client.ClientId!) ?? client.Secret;
        return new RealmClient(
            client.ClientId!,
            client.Name ?? client.ClientId!,
            client.Enabled ?? true,
            client.BearerOnly ?? false,
            client.PublicClient ?? false,
            client.PublicClient == true || string.IsNullOrEmpty(secret) ? null : ClientSecret.Hash(secret),
            client.StandardFlowEnabled ?? false,
            client.DirectAccessGrantsEnabled ?? false,
            client.ServiceAccountsEnabled ?? false,
            client.RedirectUris,
            client.Attributes,
            client.ProtocolMappers);
    }
}
