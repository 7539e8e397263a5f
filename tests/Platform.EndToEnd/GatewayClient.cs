using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>Talks to the platform the way a script or the portal does: through the gateway, with real tokens from the realm.</summary>
public sealed class GatewayClient(Uri gateway) : IDisposable
{
    public const string TokenPath = "realms/fenghuo/protocol/openid-connect/token";

    private readonly HttpClient http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentDictionary<string, string> tokens = new();

    public HttpClient Anonymous => http;

    public Uri BaseAddress => gateway;

    /// <summary>Logs in with the password grant of the public CLI client, as `curl -d grant_type=password…` would.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(string username, string password) =>
        await http.PostAsync(TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "fenghuo-cli",
            ["username"] = username,
            ["password"] = password,
        }));

    public async Task<string> TokenForAsync(string username)
    {
        if (tokens.TryGetValue(username, out var cached))
        {
            return cached;
        }
        using var response = await RequestTokenAsync(username, RunningPlatform.DemoPassword);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Login of {username} failed: {(int)response.StatusCode} {body}");
        }
        var token = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
        tokens[username] = token;
        return token;
    }

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? username, object? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }
        if (username is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenForAsync(username));
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return await http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? username) => SendAsync(HttpMethod.Get, path, username);

    public Task<HttpResponseMessage> PostAsync(string path, string? username, object body) => SendAsync(HttpMethod.Post, path, username, body);

    public void Dispose() => http.Dispose();
}
