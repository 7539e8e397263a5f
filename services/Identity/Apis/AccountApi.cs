using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Login;
using Fenghuo.Identity.Oidc;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fenghuo.Identity.Apis;

public static class AccountApi
{
    /// <summary>POST /realms/{realm}/account/credentials/password: a signed-in user changes their own password.</summary>
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app, RealmUrls urls)
    {
        app.MapPost(urls.AccountPassword, ChangePasswordAsync)
            .WithTags("Account")
            .WithName("AccountChangePassword")
            .WithSummary("Change the caller's own password ({currentPassword, newPassword, confirmation}); later refreshes need a new login");
        return app;
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound>> ChangePasswordAsync(
        PasswordUpdate body, HttpContext http, TenantContext caller, [AsParameters] OidcServices services, CancellationToken ct)
    {
        var user = Guid.TryParse(caller.UserId, out var id)
            ? await services.Database.InTransactionAsync(TenantScope.None, s => services.Users.FindAsync(s, id), ct)
            : null;
        if (user is null || user.IsServiceAccount)
        {
            return TypedResults.NotFound();
        }
        var client = http.User.FindFirst(TokenShaper.AuthorizedParty)?.Value ?? "account";
        if (!await services.Login.VerifyAsync(user, body.CurrentPassword, client, LoginSource.Of(http), ct))
        {
            return Problems.Validation(new FieldError("currentPassword", "invalidPasswordExistingMessage", "当前密码不正确", "Invalid existing password."));
        }
        var errors = services.Passwords.Check(user, "newPassword", body.NewPassword, "confirmation", body.Confirmation);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        await services.Database.InTransactionAsync(TenantScope.None, async s =>
        {
            await services.Passwords.ApplyAsync(s, user, body.NewPassword!, temporary: false);
            await services.Audit.RecordAsync(s, user.Username, "identity.password.change", user, IdentityAudit.Success, new { client });
        }, ct);
        return TypedResults.NoContent();
    }
}
