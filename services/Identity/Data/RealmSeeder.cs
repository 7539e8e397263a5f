using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Login;
using Fenghuo.Identity.Realm;
using Microsoft.Extensions.Options;

namespace Fenghuo.Identity.Data;

/// <summary>
/// Brings the database in line with the realm file at every start. Roles and clients follow the
/// file; users are only added, each once: one that exists is left as it is (passwords, roles and
/// attributes changed since are never overwritten), and one seeded before and deleted since stays
/// deleted. Demo users and the file's client secrets exist only in Development; elsewhere the
/// secrets come from configuration and the only person seeded is the bootstrap admin, and only
/// when Fenghuo:AdminPassword is given.
/// </summary>
public sealed class RealmSeeder(
    TenantDatabase database,
    RoleStore roles,
    ClientStore clients,
    UserStore users,
    SeedRecord seedRecord,
    PasswordChange passwords,
    RealmDefinition realm,
    IdentityAudit audit,
    IOptions<RealmSeedOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<RealmSeeder> logger)
{
    // Replicas starting together seed one after the other.
    private const long SeedLock = 0x5245414C4D; // "REALM"

    public async Task SeedAsync(CancellationToken ct)
    {
        var representation = realm.Representation;
        var development = environment.IsDevelopment();
        var demoPassword = development ? options.Value.DemoPassword ?? KnownCredentials.DevelopmentDemoPassword : null;
        var adminPassword = development ? demoPassword : options.Value.AdminPassword;
        foreach (var (setting, password) in new[] { ("DemoPassword", demoPassword), ("AdminPassword", adminPassword) })
        {
            if (password is not null && realm.PasswordPolicy.Check(password, string.Empty, null).Count > 0)
            {
                throw new InvalidOperationException($"{RealmSeedOptions.Section}:{setting} does not satisfy the realm's password policy ({representation.PasswordPolicy}).");
            }
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
                await clients.UpsertAsync(session, ToClient(client, development));
            }

            var known = await seedRecord.PresentOrSeededAsync(session);
            var missing = representation.Users
                .Where(u => !known.Contains(u.Username!))
                .Select(u => (Representation: u, Password: u.Credentials is [_] ? (u.Username == KnownCredentials.AdminUsername ? adminPassword : demoPassword) : null))
                .Where(u => u.Representation.Credentials is not [_] || u.Password is not null)
                .ToList();
            var now = time.GetUtcNow();
            var newUsers = missing.Select(u => UserMapping.NewUser(u.Representation, Guid.NewGuid(), now, u.Representation.RealmRoles ?? [])).ToList();
            // Hashing is deliberately slow; on a first start dozens of users are hashed at once.
            var hashes = await Task.WhenAll(missing.Zip(newUsers).Select(pair => Task.Run(() =>
                pair.First.Password is { } password ? passwords.Hash(pair.Second, password) : null, ct)));
            for (var i = 0; i < newUsers.Count; i++)
            {
                await users.InsertAsync(session, newUsers[i], hashes[i]);
            }
            await seedRecord.RecordAsync(session, newUsers.Select(u => u.Username), now);
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

    private RealmClient ToClient(ClientRepresentation client, bool development)
    {
        // Outside Development the configured secret is required (checked at start-up); the file's is public.
        var secret = options.Value.ClientSecrets.GetValueOrDefault(client.ClientId!) ?? (development ? client.Secret : null);
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
            [.. client.RedirectUris, .. options.Value.ClientRedirectUris.GetValueOrDefault(client.ClientId!) ?? []],
            client.Attributes,
            client.ProtocolMappers);
    }
}
