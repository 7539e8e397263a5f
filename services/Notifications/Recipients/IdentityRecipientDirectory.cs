using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fenghuo.Notifications.Recipients;

/// <summary>
/// A tenant's users and their realm roles from Keycloak's admin REST API (users?q=tenant:X, then
/// each user's realm role mappings), with the service's client-credentials token — so a real
/// Keycloak answers it unchanged. A tenant's users are cached for <see cref="IdentityOptions.CacheSeconds"/>.
/// </summary>
public sealed class IdentityRecipientDirectory(IHttpClientFactory clients, IdentityOptions options, TimeProvider time) : IRecipientDirectory
{
    public const string Client = "identity";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, (IReadOnlyList<TenantUser> Users, DateTimeOffset Expires)> tenants = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim tokenLock = new(1, 1);
    private (string Value, DateTimeOffset Expires)? token;

    private string Admin => $"admin/realms/{options.Realm}";

    public async Task<IReadOnlyList<Recipient>> UsersAsync(string tenantCode, string role, CancellationToken ct)
    {
        var users = await TenantUsersAsync(tenantCode, ct);
        return users.Where(u => u.Roles.Contains(role)).Select(u => new Recipient(u.Username, role, u.Email)).ToList();
    }

    private async Task<IReadOnlyList<TenantUser>> TenantUsersAsync(string tenantCode, CancellationToken ct)
    {
        if (tenants.TryGetValue(tenantCode, out var cached) && cached.Expires > time.GetUtcNow())
        {
            return cached.Users;
        }
        var found = await GetAsync<UserRepresentation[]>($"{Admin}/users?q=tenant:{Uri.EscapeDataString(tenantCode)}&enabled=true&max=1000", ct) ?? [];
        var users = new List<TenantUser>();
        // The search matches the attribute exactly; checked again so a looser server never widens the audience.
        foreach (var user in found.Where(u => u.Enabled && u.Attributes?.GetValueOrDefault("tenant") is [var tenant] && tenant == tenantCode))
        {
            var roles = await GetAsync<RoleRepresentation[]>($"{Admin}/users/{user.Id}/role-mappings/realm", ct) ?? [];
            users.Add(new TenantUser(user.Username, user.Email, roles.Select(r => r.Name).ToHashSet(StringComparer.Ordinal)));
        }
        tenants[tenantCode] = (users, time.GetUtcNow().AddSeconds(options.CacheSeconds));
        return users;
    }

    private async Task<T?> GetAsync<T>(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.BaseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ct));
        using var response = await clients.CreateClient(Client).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(Json, ct);
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        await tokenLock.WaitAsync(ct);
        try
        {
            if (token is { } current && current.Expires > time.GetUtcNow())
            {
                return current.Value;
            }
            using var response = await clients.CreateClient(Client).PostAsync(new Uri(options.BaseAddress, $"realms/{options.Realm}/protocol/openid-connect/token"),
                new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = options.ClientId,
                    ["client_secret"] = options.ClientSecret,
                }), ct);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            // Renewed a little early so a call never carries a token that expires on the way.
            token = (body.GetProperty("access_token").GetString()!, time.GetUtcNow().AddSeconds(body.GetProperty("expires_in").GetInt32() - 30));
            return token.Value.Value;
        }
        finally
        {
            tokenLock.Release();
        }
    }

    private sealed record TenantUser(string Username, string? Email, IReadOnlySet<string> Roles);

    private sealed record UserRepresentation(
        string Id,
        string Username,
        string? Email,
        bool Enabled,
        [property: JsonPropertyName("attributes")] Dictionary<string, string[]>? Attributes);

    private sealed record RoleRepresentation(string Name);
}
