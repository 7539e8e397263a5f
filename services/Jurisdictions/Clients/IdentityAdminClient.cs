using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fenghuo.Jurisdictions.Clients;

/// <summary>
/// Keycloak's Admin REST API, the subset onboarding uses, called with the service's own
/// client-credentials token — so a real Keycloak serves it unchanged.
/// </summary>
public sealed class IdentityAdminClient(HttpClient http, IdentityAdminOptions options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly SemaphoreSlim tokenLock = new(1, 1);
    private (string Value, DateTimeOffset Expires)? token;

    private string Admin => $"admin/realms/{options.Realm}";

    public async Task<RealmUser?> FindUserAsync(string username, CancellationToken ct)
    {
        var users = await SendAsync<RealmUser[]>(HttpMethod.Get, $"{Admin}/users?username={Uri.EscapeDataString(username)}&exact=true", null, ct);
        return users?.FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));
    }

    /// <returns>The new user's id, from the Location header as Keycloak answers.</returns>
    public async Task<string> CreateUserAsync(RealmUser user, CancellationToken ct)
    {
        using var response = await SendRawAsync(HttpMethod.Post, $"{Admin}/users", user, ct);
        return response.Headers.Location?.Segments.Last().TrimEnd('/')
            ?? throw new IdentityAdminException(response.StatusCode, "created user without a Location");
    }

    public Task UpdateUserAsync(string id, RealmUser user, CancellationToken ct) =>
        SendAsync<object>(HttpMethod.Put, $"{Admin}/users/{id}", user, ct);

    public Task DeleteUserAsync(string id, CancellationToken ct) =>
        SendAsync<object>(HttpMethod.Delete, $"{Admin}/users/{id}", null, ct);

    public Task ResetPasswordAsync(string id, string password, bool temporary, CancellationToken ct) =>
        SendAsync<object>(HttpMethod.Put, $"{Admin}/users/{id}/reset-password", new RealmCredential("password", password, temporary), ct);

    public async Task AssignRealmRolesAsync(string id, IEnumerable<string> roleNames, CancellationToken ct)
    {
        var wanted = roleNames.ToHashSet(StringComparer.Ordinal);
        var roles = (await SendAsync<RealmRole[]>(HttpMethod.Get, $"{Admin}/roles", null, ct) ?? []).Where(r => wanted.Contains(r.Name)).ToArray();
        await SendAsync<object>(HttpMethod.Post, $"{Admin}/users/{id}/role-mappings/realm", roles, ct);
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, body, ct);
        return response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0 || typeof(T) == typeof(object)
            ? default
            : await response.Content.ReadFromJsonAsync<T>(Json, ct);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(options.BaseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ct));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }
        var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            throw new IdentityAdminException(response.StatusCode, detail);
        }
        return response;
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
            using var response = await http.PostAsync(new Uri(options.BaseAddress, $"realms/{options.Realm}/protocol/openid-connect/token"),
                new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = options.ClientId,
                    ["client_secret"] = options.ClientSecret,
                }), ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new IdentityAdminException(response.StatusCode, await response.Content.ReadAsStringAsync(ct));
            }
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
}
