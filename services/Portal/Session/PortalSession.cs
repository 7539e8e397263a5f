using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Fenghuo.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Components.Authorization;

namespace Fenghuo.Portal.Session;

/// <summary>The signed-in user's session could not give a usable token: they must sign in again.</summary>
public sealed class SessionExpiredException() : Exception("The portal session has no usable token; sign in again.");

/// <summary>
/// The current user's access token, refreshed at the realm's token endpoint shortly before it
/// expires. Works the same during prerendering and inside an interactive circuit, where there is
/// no HttpContext: the session id comes from the authentication state.
/// </summary>
public sealed class PortalSession(
    AuthenticationStateProvider authentication,
    SessionStore store,
    IHttpClientFactory clients,
    KeycloakOptions keycloak,
    TimeProvider time,
    ILogger<PortalSession> logger)
{
    public const string TokenClient = "realm-token";
    public const string ClientId = "fenghuo-portal";

    // Refreshing this early keeps a token from expiring between the check and the API's own.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);
    // One refresh at a time for the whole portal: each user refreshes once every few minutes, and
    // two circuits of one user must not both spend one refresh token, which the realm may rotate on use.
    private static readonly SemaphoreSlim Refreshing = new(1, 1);

    public async Task<string> AccessTokenAsync(CancellationToken ct) =>
        await AccessTokenAsync((await authentication.GetAuthenticationStateAsync()).User, ct);

    /// <summary>For plain endpoints (downloads), where the user comes from the request rather than a circuit.</summary>
    public async Task<string> AccessTokenAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.Session();
        var tokens = store.Find(id) ?? throw new SessionExpiredException();
        if (tokens.ExpiresAt - RefreshMargin > time.GetUtcNow())
        {
            return tokens.AccessToken;
        }
        await Refreshing.WaitAsync(ct);
        try
        {
            tokens = store.Find(id) ?? throw new SessionExpiredException();
            if (tokens.ExpiresAt - RefreshMargin > time.GetUtcNow())
            {
                return tokens.AccessToken;
            }
            var refreshed = await RefreshAsync(tokens, ct) ?? throw new SessionExpiredException();
            // The user may have signed out while the realm answered: then the new tokens are dropped, not kept.
            return store.Replace(id!, tokens, refreshed) ? refreshed.AccessToken : throw new SessionExpiredException();
        }
        finally
        {
            Refreshing.Release();
        }
    }

    private async Task<SessionTokens?> RefreshAsync(SessionTokens tokens, CancellationToken ct)
    {
        if (tokens.RefreshToken is null)
        {
            return null;
        }
        using var response = await clients.CreateClient(TokenClient).PostAsync(
            $"{keycloak.Issuer}/protocol/openid-connect/token",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["client_id"] = ClientId,
                ["refresh_token"] = tokens.RefreshToken,
            }), ct);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogInformation("Refreshing a portal session's token was refused ({Status}); the user signs in again", (int)response.StatusCode);
            return null;
        }
        var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(ct);
        return answer is null
            ? null
            : new SessionTokens(answer.AccessToken, answer.RefreshToken ?? tokens.RefreshToken, answer.IdToken ?? tokens.IdToken,
                time.GetUtcNow().AddSeconds(answer.ExpiresIn));
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("id_token")] string? IdToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
