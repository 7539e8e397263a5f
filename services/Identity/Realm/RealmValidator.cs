using Fenghuo.Identity.Domain;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Identity.Realm;

/// <summary>
/// What the realm file must say for this service (and the platform's services) to work with it.
/// Checked at start-up, so a broken file stops the service instead of issuing odd tokens.
/// </summary>
public static class RealmValidator
{
    public static IReadOnlyList<string> Validate(RealmRepresentation realm, string expectedRealm)
    {
        var problems = new List<string>();
        if (realm.Realm != expectedRealm)
        {
            problems.Add($"realm is '{realm.Realm}', configuration (Keycloak:realm) says '{expectedRealm}'");
        }
        if (realm.Enabled != true)
        {
            problems.Add("realm is not enabled");
        }
        CheckSettings(realm, problems);
        var roles = CheckRoles(realm, problems);
        var clients = CheckClients(realm, problems);
        CheckUsers(realm, roles, clients, problems);
        return problems;
    }

    private static void CheckSettings(RealmRepresentation realm, List<string> problems)
    {
        if (realm.AccessTokenLifespan is not > 0 || realm.AccessCodeLifespan is not > 0 || realm.SsoSessionIdleTimeout is not > 0)
        {
            problems.Add("accessTokenLifespan, accessCodeLifespan and ssoSessionIdleTimeout must be positive");
        }
        if (realm.BruteForceProtected == true
            && (realm.FailureFactor is not > 0 || realm.WaitIncrementSeconds is not > 0 || realm.MaxFailureWaitSeconds is not > 0 || realm.MaxDeltaTimeSeconds is not > 0))
        {
            problems.Add("brute-force protection needs positive failureFactor, waitIncrementSeconds, maxFailureWaitSeconds and maxDeltaTimeSeconds");
        }
        if (realm.PermanentLockout == true)
        {
            problems.Add("permanentLockout is not supported here: use temporary lockout");
        }
        try
        {
            PasswordPolicy.Parse(realm.PasswordPolicy);
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
        }
    }

    private static HashSet<string> CheckRoles(RealmRepresentation realm, List<string> problems)
    {
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in realm.Roles?.Realm ?? [])
        {
            if (string.IsNullOrWhiteSpace(role.Name) || !roles.Add(role.Name))
            {
                problems.Add($"realm role '{role.Name}' is empty or repeated");
            }
            if (string.IsNullOrWhiteSpace(role.Description))
            {
                problems.Add($"realm role '{role.Name}' has no description");
            }
        }
        foreach (var missing in Roles.All.Where(r => !roles.Contains(r)))
        {
            problems.Add($"realm role '{missing}' that the services check is missing");
        }
        return roles;
    }

    private static Dictionary<string, ClientRepresentation> CheckClients(RealmRepresentation realm, List<string> problems)
    {
        var clients = new Dictionary<string, ClientRepresentation>(StringComparer.Ordinal);
        foreach (var client in realm.Clients)
        {
            var id = client.ClientId;
            if (string.IsNullOrWhiteSpace(id) || !clients.TryAdd(id, client))
            {
                problems.Add($"client '{id}' is empty or repeated");
                continue;
            }
            if (client.PublicClient is null || client.StandardFlowEnabled is null || client.DirectAccessGrantsEnabled is null || client.ServiceAccountsEnabled is null)
            {
                problems.Add($"client '{id}' must state publicClient, standardFlowEnabled, directAccessGrantsEnabled and serviceAccountsEnabled");
            }
            if (client.ImplicitFlowEnabled == true)
            {
                problems.Add($"client '{id}': the implicit flow is not supported");
            }
            if (client.PublicClient != true && client.BearerOnly != true && string.IsNullOrEmpty(client.Secret))
            {
                problems.Add($"confidential client '{id}' has no secret");
            }
            if (client.PublicClient == true && client.ServiceAccountsEnabled == true)
            {
                problems.Add($"public client '{id}' cannot have a service account");
            }
            if (client.StandardFlowEnabled == true && client.RedirectUris.Count == 0)
            {
                problems.Add($"client '{id}' uses the standard flow but has no redirectUris");
            }
            if (client.Attributes.GetValueOrDefault(RealmClient.PkceMethodAttribute) is { Length: > 0 } method && method != "S256")
            {
                problems.Add($"client '{id}': PKCE method '{method}' is not supported, use S256");
            }
            foreach (var mapper in client.ProtocolMappers)
            {
                CheckMapper(id, mapper, problems);
            }
        }
        return clients;
    }

    private static void CheckMapper(string clientId, ProtocolMapperRepresentation mapper, List<string> problems)
    {
        var complete = mapper.ProtocolMapper switch
        {
            ProtocolMapperRepresentation.UserAttributeMapper => mapper.Setting("user.attribute") is not null && mapper.Setting("claim.name") is not null,
            ProtocolMapperRepresentation.AudienceMapper => mapper.Setting("included.custom.audience") is not null,
            _ => false,
        };
        if (!complete)
        {
            problems.Add($"client '{clientId}': mapper '{mapper.Name}' ({mapper.ProtocolMapper}) is unsupported or incomplete");
        }
    }

    private static void CheckUsers(RealmRepresentation realm, HashSet<string> roles, Dictionary<string, ClientRepresentation> clients, List<string> problems)
    {
        var usernames = new HashSet<string>(StringComparer.Ordinal);
        var serviceAccounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in realm.Users)
        {
            var name = user.Username;
            if (string.IsNullOrWhiteSpace(name) || name != name.ToLowerInvariant() || !usernames.Add(name))
            {
                problems.Add($"user '{name}' is empty, not lower-case or repeated");
                continue;
            }
            foreach (var role in (user.RealmRoles ?? []).Where(r => !roles.Contains(r)))
            {
                problems.Add($"user '{name}' has realm role '{role}' that the realm does not define");
            }
            var tenants = user.Attributes?.GetValueOrDefault(RealmUser.TenantAttribute) ?? [];
            if (tenants.Count > 1 || tenants.Any(t => !TenantCode.IsValid(t)))
            {
                problems.Add($"user '{name}' must have at most one tenant, shaped like a jurisdiction code");
            }
            if (tenants.Count == 0 && !(user.RealmRoles ?? []).Any(PlatformRoles.All.Contains))
            {
                problems.Add($"user '{name}' has no tenant attribute and no platform role ({string.Join(", ", PlatformRoles.All)})");
            }
            foreach (var action in (user.RequiredActions ?? []).Where(a => !RequiredActions.Supported.Contains(a)))
            {
                problems.Add($"user '{name}': required action '{action}' is not supported");
            }
            if ((user.Credentials ?? []).Any(c => c.Type != CredentialRepresentation.PasswordType || string.IsNullOrEmpty(c.Value)))
            {
                problems.Add($"user '{name}': only password credentials with a value are supported");
            }
            if (user.ServiceAccountClientId is { } clientId)
            {
                CheckServiceAccount(name, clientId, user, clients, serviceAccounts, problems);
            }
        }
    }

    private static void CheckServiceAccount(
        string name, string clientId, UserRepresentation user, Dictionary<string, ClientRepresentation> clients, HashSet<string> serviceAccounts, List<string> problems)
    {
        if (!clients.TryGetValue(clientId, out var client) || client.ServiceAccountsEnabled != true)
        {
            problems.Add($"service-account user '{name}' belongs to '{clientId}', which is not a client with serviceAccountsEnabled");
        }
        if (name != $"service-account-{clientId}" || !serviceAccounts.Add(clientId))
        {
            problems.Add($"service-account user of '{clientId}' must be the one user named service-account-{clientId}");
        }
        if (user.Credentials is { Count: > 0 })
        {
            problems.Add($"service-account user '{name}' cannot have a password");
        }
    }
}
