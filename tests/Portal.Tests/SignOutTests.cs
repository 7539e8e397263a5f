using System.Net;
using System.Security.Claims;
using System.Text;
using Fenghuo.Portal.Session;
using Fenghuo.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fenghuo.Portal.Tests;

/// <summary>
/// Signing out closes the portal's session for good, whatever a token refresh that was already on
/// its way to the realm does afterwards. The realm is a stand-in that answers only when the test
/// lets it, so the refresh is held exactly between "tokens read" and "tokens stored".
/// </summary>
public sealed class SignOutTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
    private readonly HeldRealm realm = new();
    private readonly SessionStore store;

    public SignOutTests() => store = new SessionStore(time);

    [Fact]
    public async Task A_refresh_that_finishes_after_sign_out_does_not_bring_the_session_back()
    {
        var id = store.Open(new SessionTokens("old-access", "refresh-1", "id-token", time.GetUtcNow().AddSeconds(10)));
        var user = SignedIn(id);

        var call = Session(user).AccessTokenAsync(user, CancellationToken.None);
        await realm.Asked.Task;
        store.Close(id);
        realm.Answer.SetResult();

        await Assert.ThrowsAsync<SessionExpiredException>(() => call);
        Assert.Null(store.Find(id));
        await Assert.ThrowsAsync<SessionExpiredException>(() => Session(user).AccessTokenAsync(user, CancellationToken.None));
    }

    [Fact]
    public async Task A_refresh_while_signed_in_keeps_the_new_tokens()
    {
        var id = store.Open(new SessionTokens("old-access", "refresh-1", "id-token", time.GetUtcNow().AddSeconds(10)));
        var user = SignedIn(id);
        realm.Answer.SetResult();

        Assert.Equal("new-access", await Session(user).AccessTokenAsync(user, CancellationToken.None));
        Assert.Equal("refresh-2", store.Find(id)?.RefreshToken);
    }

    private PortalSession Session(ClaimsPrincipal user) => new(
        new SignedInAs(user), store, new Clients(realm), new KeycloakOptions { AuthServerUrl = "http://realm.test/" }, time, NullLogger<PortalSession>.Instance);

    private static ClaimsPrincipal SignedIn(string session) =>
        new(new ClaimsIdentity([new Claim(PortalClaims.SessionId, session)], "test"));

    /// <summary>The realm's token endpoint, answering a refresh only once the test says so.</summary>
    private sealed class HeldRealm : HttpMessageHandler
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Asked.TrySetResult();
            await Answer.Task.WaitAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(
                    """{"access_token":"new-access","refresh_token":"refresh-2","id_token":"id-token-2","expires_in":300}""",
                    Encoding.UTF8, "application/json"),
            };
        }
    }

    private sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    /// <summary>The circuit's user is the one the test signed in, as on a page of the portal.</summary>
    private sealed class SignedInAs(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
