using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Login;
using Fenghuo.Identity.Oidc;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Fenghuo.Identity.Apis;

/// <summary>
/// The browser flow. /auth issues a code at once for a live single sign-on session, otherwise
/// shows the login page; the page posts to login-actions/authenticate, which sets the session and
/// sends the browser back to /auth. A temporary password is replaced on the way.
/// </summary>
public static class AuthorizationApi
{
    private const string InvalidCredentialsMessage = "用户名或密码无效 (Invalid username or password.)";
    private const string DisabledMessage = "账户已停用，请联系管理员 (Account is disabled, contact your administrator.)";
    private const string NotSetUpMessage = "账户尚未完成设置，请联系管理员 (Account is not fully set up, contact your administrator.)";

    public static IEndpointRouteBuilder MapAuthorizationApi(this IEndpointRouteBuilder app, RealmUrls urls)
    {
        var group = app.MapGroup(string.Empty).AllowAnonymous().WithTags("OpenID Connect");
        group.MapMethods(urls.Authorization, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync)
            .WithName("Authorize")
            .WithSummary("Authorization endpoint (code flow, PKCE): single sign-on or the login page");
        group.MapPost(urls.LoginActionsAuthenticate, AuthenticateAsync)
            .DisableAntiforgery()
            .WithName("LoginActionsAuthenticate")
            .WithSummary("The login form's post: checks the credentials, starts the session, returns to the authorization endpoint");
        group.MapPost(urls.LoginActionsRequiredAction, UpdatePasswordAsync)
            .DisableAntiforgery()
            .WithName("LoginActionsUpdatePassword")
            .WithSummary("The change-password form's post for a user with the UPDATE_PASSWORD required action");
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, [AsParameters] OidcServices services, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The authorization endpoint runs only behind OpenIddict's request handling.");

        // Single sign-on continues the browser's login session, so its maximum length and a logout reach every client it served.
        if (!request.HasPromptValue(PromptValues.Login) && await services.Sessions.ReadSessionAsync(http) is { Login: { } login } session)
        {
            var (user, live) = await services.Database.InTransactionAsync(TenantScope.None, async s =>
                (await services.Users.FindAsync(s, session.UserId), await login.IsLiveAsync(s, services.Realm, services.Time.GetUtcNow())), ct);
            if (user is not null && live && !user.Revoked(session.IssuedAt) && await services.Standing.OfAsync(user, ct) == AccountStanding.Active)
            {
                services.Sessions.StartSession(http, user, login);
                return OidcResults.IssueCode(user, request.GetScopes(), login);
            }
        }
        if (request.HasPromptValue(PromptValues.None))
        {
            return OidcResults.Refuse(Errors.LoginRequired, "No active session.");
        }
        return SignInPage(http, services, AuthRequest.Serialize(request), request.LoginHint, error: null);
    }

    private static async Task<IResult> AuthenticateAsync(
        HttpContext http,
        [AsParameters] OidcServices services,
        [FromForm] string? username,
        [FromForm] string? password,
        [FromForm(Name = "auth_request")] string? authRequest,
        [FromForm] string? guard,
        CancellationToken ct)
    {
        if (AuthRequest.Parse(authRequest) is not { } query || !services.Guard.Check(http, guard))
        {
            return Expired();
        }
        var result = await services.Login.AttemptAsync(username, password, AuthRequest.ClientId(query)!, LoginSource.Of(http), ct);
        return result.Outcome switch
        {
            LoginOutcome.Success => ContinueAuthorization(http, services, result.User!, query),
            LoginOutcome.NotFullySetUp when result.User!.RequiredActions.Contains(RequiredActions.UpdatePassword) =>
                UpdatePasswordPage(http, services, query.Value!, services.Sessions.IssueActionCode(result.User), []),
            LoginOutcome.NotFullySetUp => SignInPage(http, services, query.Value!, username, NotSetUpMessage),
            LoginOutcome.Disabled => SignInPage(http, services, query.Value!, username, DisabledMessage),
            _ => SignInPage(http, services, query.Value!, username, InvalidCredentialsMessage),
        };
    }

    private static async Task<IResult> UpdatePasswordAsync(
        HttpContext http,
        [AsParameters] OidcServices services,
        [FromForm(Name = "session_code")] string? sessionCode,
        [FromForm(Name = "password-new")] string? newPassword,
        [FromForm(Name = "password-confirm")] string? confirmation,
        [FromForm(Name = "auth_request")] string? authRequest,
        [FromForm] string? guard,
        CancellationToken ct)
    {
        if (AuthRequest.Parse(authRequest) is not { } query || !services.Guard.Check(http, guard)
            || await services.Sessions.ReadActionCodeAsync(sessionCode) is not { } action)
        {
            return Expired();
        }
        var user = await services.Database.InTransactionAsync(TenantScope.None, s => services.Users.FindAsync(s, action.UserId), ct);
        if (user is null || user.Revoked(action.IssuedAt))
        {
            return Expired();
        }
        var errors = services.Passwords.Check(user, "password-new", newPassword, "password-confirm", confirmation);
        if (errors.Count > 0)
        {
            return UpdatePasswordPage(http, services, query.Value!, sessionCode!, errors);
        }

        var updated = await services.Database.InTransactionAsync(TenantScope.None, async s =>
        {
            await services.Passwords.ApplyAsync(s, user, newPassword!, temporary: false);
            await services.Audit.RecordAsync(s, user.Username, "identity.password.update_required", user, IdentityAudit.Success);
            return await services.Users.FindAsync(s, user.Id);
        }, ct);
        return await services.Standing.OfAsync(updated!, ct) == AccountStanding.Active
            ? ContinueAuthorization(http, services, updated!, query)
            : SignInPage(http, services, query.Value!, user.Username, DisabledMessage);
    }

    private static IResult ContinueAuthorization(HttpContext http, OidcServices services, RealmUser user, QueryString query)
    {
        services.Sessions.StartSession(http, user, LoginSession.Start(services.Time.GetUtcNow()));
        return Results.Redirect(services.Urls.Absolute(services.Urls.Authorization) + query.ToUriComponent());
    }

    private static IResult SignInPage(HttpContext http, OidcServices services, string authRequest, string? username, string? error) =>
        LoginPage.SignIn(services.Urls.Absolute(services.Urls.LoginActionsAuthenticate), authRequest, services.Guard.Issue(http), username, error);

    private static IResult UpdatePasswordPage(HttpContext http, OidcServices services, string authRequest, string sessionCode, IReadOnlyList<FieldError> errors) =>
        LoginPage.UpdatePassword(services.Urls.Absolute(services.Urls.LoginActionsRequiredAction), authRequest, services.Guard.Issue(http), sessionCode, errors);

    private static IResult Expired() =>
        LoginPage.Message(
            "登录已超时 (Login timed out)",
            "登录页面已过期，请从应用重新发起登录。(Your login attempt timed out. Start again from the application.)",
            statusCode: StatusCodes.Status400BadRequest);
}
