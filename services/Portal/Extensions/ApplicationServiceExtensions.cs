using System.Net.Http.Json;
using Fenghuo.Portal.Gateway;
using Fenghuo.Portal.Session;
using Fenghuo.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Fenghuo.Portal.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // The gateway is in front: links, cookies and the OIDC redirect_uri must name its URL, not ours.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAntDesign();

        var keycloak = builder.Configuration.GetSection(KeycloakOptions.Section).Get<KeycloakOptions>() ?? new KeycloakOptions();
        // The gateway's public URL: the realm lives behind it, so Keycloak's auth-server-url is it.
        var gateway = new Uri(keycloak.AuthServerUrl.TrimEnd('/') + "/");
        builder.Services.AddHttpClient(GatewayApi.Client, c => c.BaseAddress = gateway);
        builder.Services.AddHttpClient(PortalSession.TokenClient);
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddScoped<PortalSession>();
        builder.Services.AddScoped<GatewayApi>();

        builder.Services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = SignInWhenNavigating;
                o.DefaultSignOutScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "fenghuo.portal";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the browser came over HTTPS (the gateway says so); plain HTTP only on loopback.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = SessionStore.Lifetime;
                o.Events.OnValidatePrincipal = ForgetSessionsWithoutTokens;
                // Reached only for what the browser fetches by itself (SignInWhenNavigating): no login page, just 401.
                o.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
            })
            .AddPolicyScheme(SignInWhenNavigating, "Sign in when the user opens a page", o =>
                o.ForwardDefaultSelector = context => IsNavigation(context.Request)
                    ? OpenIdConnectDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddOpenIdConnect(o =>
            {
                o.Authority = keycloak.Authority;
                o.RequireHttpsMetadata = keycloak.RequireHttpsMetadata;
                o.ClientId = PortalSession.ClientId;
                o.ResponseType = OpenIdConnectResponseType.Code;
                // Query, not form_post: the callback then needs no SameSite=None cookie, which browsers drop over plain HTTP.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.UsePkce = true;
                o.SaveTokens = false;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.TokenValidationParameters.NameClaimType = ClaimNames.PreferredUsername;
                o.TokenValidationParameters.RoleClaimType = ClaimNames.Role;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SignedOutRedirectUri = "/";
                o.Events.OnTokenValidated = OpenSessionAsync;
                o.Events.OnRedirectToIdentityProviderForSignOut = EndSessionAtRealm;
                o.Events.OnRemoteFailure = SayLoginFailed;
            });
        return builder;
    }

    /// <summary>Keeps the tokens server-side under a fresh session id and puts only the id, roles, tenant and its name in the cookie.</summary>
    private static async Task OpenSessionAsync(TokenValidatedContext context)
    {
        var answer = context.TokenEndpointResponse;
        if (answer?.AccessToken is not { } accessToken || context.Principal?.Identity is not System.Security.Claims.ClaimsIdentity identity)
        {
            context.Fail("The token endpoint gave no access token.");
            return;
        }
        var services = context.HttpContext.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var expiresIn = int.TryParse(answer.ExpiresIn, out var seconds) ? seconds : 300;
        var id = services.GetRequiredService<SessionStore>().Open(
            new SessionTokens(accessToken, answer.RefreshToken, answer.IdToken, time.GetUtcNow().AddSeconds(expiresIn)));
        identity.AddClaim(new System.Security.Claims.Claim(PortalClaims.SessionId, id));
        foreach (var claim in PortalClaims.FromAccessToken(accessToken).Where(c => !identity.HasClaim(c.Type, c.Value)))
        {
            identity.AddClaim(claim);
        }
        if (identity.FindFirst(ClaimNames.Tenant)?.Value is { } tenant)
        {
            identity.AddClaim(new System.Security.Claims.Claim(PortalClaims.TenantName, await TenantNameAsync(services, tenant, accessToken)));
        }
    }

    /// <summary>The header says 阳城县, not yangcheng; the jurisdictions API knows the name.</summary>
    private static async Task<string> TenantNameAsync(IServiceProvider services, string tenant, string accessToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/jurisdictions/{Uri.EscapeDataString(tenant)}");
            request.Headers.Authorization = new("Bearer", accessToken);
            using var response = await services.GetRequiredService<IHttpClientFactory>().CreateClient(GatewayApi.Client).SendAsync(request);
            var jurisdiction = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<TenantName>() : null;
            return jurisdiction?.Name ?? tenant;
        }
        catch (HttpRequestException)
        {
            return tenant;
        }
    }

    private sealed record TenantName(string Name);

    /// <summary>
    /// Only a page the user opens is sent to the realm to sign in. What the browser fetches by itself
    /// — the icon it asks the origin for on every page without one, the realm's confirm-sign-out page
    /// included — would otherwise follow the redirect through the realm's still-live single sign-on
    /// and come back with a new portal session cookie the user never asked for, one that outlives
    /// the sign-out the user is confirming. Sec-Fetch-Mode says which is which; a browser that sends
    /// no fetch metadata (plain HTTP off loopback) is judged by whether it asks for HTML.
    /// </summary>
    public const string SignInWhenNavigating = "portal.signin-when-navigating";

    private static bool IsNavigation(HttpRequest request) =>
        request.Headers["Sec-Fetch-Mode"] is { Count: > 0 } mode
            ? mode == "navigate"
            : request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static Task ForgetSessionsWithoutTokens(CookieValidatePrincipalContext context)
    {
        if (context.HttpContext.RequestServices.GetRequiredService<SessionStore>().Find(context.Principal?.Session()) is null)
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        return Task.CompletedTask;
    }

    /// <summary>Ends the realm's single sign-on too; the id token tells the realm whose session it is.</summary>
    private static Task EndSessionAtRealm(RedirectContext context)
    {
        if (context.HttpContext.Items[SignOutTokens] is SessionTokens { IdToken: { } idToken })
        {
            context.ProtocolMessage.IdTokenHint = idToken;
        }
        return Task.CompletedTask;
    }

    private static Task SayLoginFailed(RemoteFailureContext context)
    {
        context.HandleResponse();
        context.Response.Redirect("/login-failed");
        return Task.CompletedTask;
    }

    public const string SignOutTokens = "portal.signout.tokens";
}
