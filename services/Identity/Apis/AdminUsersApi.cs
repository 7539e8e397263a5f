using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Realm;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Fenghuo.Identity.Apis;

/// <summary>Keycloak's admin REST API for users (…/admin/realms/{realm}/users), the subset onboarding and operators use.</summary>
public static class AdminUsersApi
{
    private const int DefaultMax = 100;

    public static RouteGroupBuilder MapAdminUsersApi(this RouteGroupBuilder admin)
    {
        var users = admin.MapGroup("users").WithTags("Admin: users");
        users.MapPost(string.Empty, CreateAsync)
            .WithName("AdminCreateUser")
            .WithSummary("Create a user (UserRepresentation); 201 with Location …/users/{id}, 409 when the username or e-mail is taken")
            .AllowOnboarding();
        users.MapGet(string.Empty, SearchAsync)
            .WithName("AdminSearchUsers")
            .WithSummary("Search users: username (exact=true for equality), email, search, q=tenant:yangcheng, enabled, first, max")
            .AllowOnboarding()
            .AllowDirectory();
        users.MapGet("{id:guid}", GetAsync)
            .WithName("AdminGetUser")
            .WithSummary("One user")
            .AllowDirectory();
        users.MapPut("{id:guid}", UpdateAsync)
            .WithName("AdminUpdateUser")
            .WithSummary("Update enabled, names, e-mail, attributes (replaced as a whole) or requiredActions; absent fields stay. "
                + "A platform admin moving a user into an onboarded jurisdiction gets 202: a second admin approves it")
            .AllowOnboarding();
        users.MapDelete("{id:guid}", DeleteAsync)
            .WithName("AdminDeleteUser")
            .WithSummary("Delete a user")
            .AllowOnboarding();
        users.MapPut("{id:guid}/reset-password", ResetPasswordAsync)
            .WithName("AdminResetPassword")
            .WithSummary("Set a password (CredentialRepresentation); temporary=true makes the user change it at the next login. "
                + "A platform admin setting one for a user of an onboarded jurisdiction gets 202: a second admin approves it")
            .AllowOnboarding();
        return admin;
    }

    private static async Task<Results<Created, ValidationProblem, Conflict<KeycloakErrorMessage>, JsonHttpResult<KeycloakError>>> CreateAsync(
        UserRepresentation body, [AsParameters] AdminServices services, CancellationToken ct)
    {
        // Who may create a user of that tenant is settled before the body is judged: a caller outside
        // its reach learns nothing about the rules from a 400 and changes nothing.
        var tenant = body.Attributes?.GetValueOrDefault(RealmUser.TenantAttribute) is [var named, ..] ? named : null;
        if (AdminScope.IsOnboardingOnly(services.Caller)
            ? !await services.Scope.OnboardingMayTouchAsync(ct, tenant)
            : await services.Scope.IsOnboardedAsync(tenant, ct))
        {
            return AdminScope.IsOnboardingOnly(services.Caller) ? AdminScope.OutsideOnboarding : AdminScope.Forbidden(
                "A platform administrator creates a user of an onboarded jurisdiction without its tenant; setting the tenant needs a second administrator's approval.");
        }
        var errors = UserRules.CheckNew(body).ToList();
        var password = body.Credentials is [var credential] ? credential.Value : null;
        // realmRoles is ignored here, as Keycloak ignores it: roles are granted through role-mappings.
        var user = string.IsNullOrWhiteSpace(body.Username) ? null : UserMapping.NewUser(body, Guid.NewGuid(), services.Time.GetUtcNow(), []);
        if (user is not null && body.Credentials is [_])
        {
            errors.AddRange(services.Passwords.Check(user, "credentials", password));
        }
        if (user is null || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var hash = password is null ? null : services.Passwords.Hash(user, password);
        try
        {
            await services.Database.InTransactionAsync(TenantScope.None, async session =>
            {
                await services.Users.InsertAsync(session, user, hash);
                await services.Audit.RecordAsync(session, services.Actor, "identity.user.create", user, IdentityAudit.Success,
                    new { user.Enabled, user.RequiredActions, passwordSet = hash is not null });
            }, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return TypedResults.Conflict(Duplicate(e));
        }
        return TypedResults.Created(services.Urls.AdminUser(user.Id));
    }

    private static async Task<Results<JsonHttpResult<List<UserRepresentation>>, ValidationProblem, JsonHttpResult<KeycloakError>>> SearchAsync(
        [AsParameters] AdminServices services,
        [FromQuery] string? username,
        [FromQuery] string? email,
        [FromQuery] string? search,
        [FromQuery] bool? exact,
        [FromQuery] string? q,
        [FromQuery] bool? enabled,
        [FromQuery] int? first,
        [FromQuery] int? max,
        CancellationToken ct)
    {
        // The onboarding account only checks whether a username is taken.
        if (AdminScope.IsOnboardingOnly(services.Caller) && (string.IsNullOrEmpty(username) || exact != true))
        {
            return AdminScope.OutsideOnboarding;
        }
        var errors = new List<FieldError>();
        var attributes = AttributeQuery(q);
        if (attributes is null)
        {
            errors.Add(new("q", "invalid_format", "q 须为 属性:值 形式，以空格分隔", "q must be key:value pairs separated by spaces."));
        }
        if (first is < 0)
        {
            errors.Add(new("first", "out_of_range", "first 不能为负数", "first must not be negative."));
        }
        if (max is < 0)
        {
            errors.Add(new("max", "out_of_range", "max 不能为负数", "max must not be negative."));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var query = new UserQuery(username, email, search is "*" ? null : search, exact ?? false, attributes!, enabled, first ?? 0, max ?? DefaultMax);
        var users = await services.Database.InTransactionAsync(TenantScope.None, s => services.Users.SearchAsync(s, query), ct);
        return TypedResults.Json(users.Select(UserMapping.ToRepresentation).ToList(), KeycloakJson.Options);
    }

    private static async Task<Results<JsonHttpResult<UserRepresentation>, NotFound<KeycloakError>>> GetAsync(
        Guid id, [AsParameters] AdminServices services, CancellationToken ct)
    {
        var user = await services.Database.InTransactionAsync(TenantScope.None, s => services.Users.FindAsync(s, id), ct);
        return user is null ? TypedResults.NotFound(UserNotFound) : TypedResults.Json(UserMapping.ToRepresentation(user), KeycloakJson.Options);
    }

    private static async Task<Results<NoContent, Accepted<PendingApproval>, ValidationProblem, NotFound<KeycloakError>, Conflict<KeycloakErrorMessage>, JsonHttpResult<KeycloakError>>> UpdateAsync(
        Guid id, UserRepresentation body, [AsParameters] AdminServices services, CancellationToken ct)
    {
        try
        {
            return await services.Database.InTransactionAsync(TenantScope.None, async session =>
            {
                var current = await services.Users.FindAsync(session, id);
                if (current is null)
                {
                    return (Results<NoContent, Accepted<PendingApproval>, ValidationProblem, NotFound<KeycloakError>, Conflict<KeycloakErrorMessage>, JsonHttpResult<KeycloakError>>)TypedResults.NotFound(UserNotFound);
                }
                var errors = UserRules.CheckChanges(body, current);
                if (errors.Count > 0)
                {
                    return Problems.Validation(errors);
                }
                var updated = UserMapping.WithChanges(current, body);
                if (AdminScope.IsOnboardingOnly(services.Caller))
                {
                    if (!await services.Scope.OnboardingMayTouchAsync(ct, current.Tenant, updated.Tenant))
                    {
                        return AdminScope.OutsideOnboarding;
                    }
                }
                else if (updated.Tenant != current.Tenant && await services.Scope.IsOnboardedAsync(updated.Tenant, ct))
                {
                    return await services.Scope.DeferAsync(session, services.Caller, services.Actor, current, ApprovalAction.Tenant, body,
                        new { tenant = updated.Tenant, previousTenant = current.Tenant }, services.Urls);
                }
                await services.Users.UpdateAsync(session, updated);
                await services.Audit.RecordAsync(session, services.Actor, "identity.user.update", updated, IdentityAudit.Success, new
                {
                    changed = ChangedFields(body),
                    updated.Enabled,
                    tenant = updated.Tenant,
                    previousTenant = current.Tenant,
                });
                return TypedResults.NoContent();
            }, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return TypedResults.Conflict(Duplicate(e));
        }
    }

    private static async Task<Results<NoContent, NotFound<KeycloakError>, JsonHttpResult<KeycloakError>>> DeleteAsync(Guid id, [AsParameters] AdminServices services, CancellationToken ct) =>
        await services.Database.InTransactionAsync(TenantScope.None, async session =>
        {
            var user = await services.Users.FindAsync(session, id);
            if (user is not null && AdminScope.IsOnboardingOnly(services.Caller) && !await services.Scope.OnboardingMayTouchAsync(ct, user.Tenant))
            {
                return (Results<NoContent, NotFound<KeycloakError>, JsonHttpResult<KeycloakError>>)AdminScope.OutsideOnboarding;
            }
            if (user is null || !await services.Users.DeleteAsync(session, id))
            {
                return TypedResults.NotFound(UserNotFound);
            }
            await services.Audit.RecordAsync(session, services.Actor, "identity.user.delete", user, IdentityAudit.Success);
            return TypedResults.NoContent();
        }, ct);

    private static async Task<Results<NoContent, Accepted<PendingApproval>, ValidationProblem, NotFound<KeycloakError>, JsonHttpResult<KeycloakError>>> ResetPasswordAsync(
        Guid id, CredentialRepresentation body, [AsParameters] AdminServices services, CancellationToken ct) =>
        await services.Database.InTransactionAsync(TenantScope.None, async session =>
        {
            var user = await services.Users.FindAsync(session, id);
            if (user is null)
            {
                return (Results<NoContent, Accepted<PendingApproval>, ValidationProblem, NotFound<KeycloakError>, JsonHttpResult<KeycloakError>>)TypedResults.NotFound(UserNotFound);
            }
            var errors = UserRules.CheckCredential(body).Concat(services.Passwords.Check(user, "value", body.Value)).ToList();
            if (user.IsServiceAccount)
            {
                errors.Add(new("value", "unsupported", "服务账户不使用密码", "Service-account users have no password."));
            }
            if (errors.Count > 0)
            {
                return Problems.Validation(errors);
            }
            // Keycloak reads an absent "temporary" as false: only an explicit true forces a change at next login.
            var temporary = body.Temporary == true;
            if (AdminScope.IsOnboardingOnly(services.Caller))
            {
                if (!await services.Scope.OnboardingMayTouchAsync(ct, user.Tenant))
                {
                    return AdminScope.OutsideOnboarding;
                }
            }
            else if (await services.Scope.IsOnboardedAsync(user.Tenant, ct))
            {
                // Knowing a jurisdiction user's password is being that user.
                return await services.Scope.DeferAsync(session, services.Caller, services.Actor, user, ApprovalAction.Password,
                    new AdminApprovalsApi.PasswordSet(services.Passwords.Hash(user, body.Value!), temporary), new { temporary }, services.Urls);
            }
            await services.Passwords.ApplyAsync(session, user, body.Value!, temporary);
            await services.Audit.RecordAsync(session, services.Actor, "identity.user.reset_password", user, IdentityAudit.Success, new { temporary });
            return TypedResults.NoContent();
        }, ct);

    private static KeycloakError UserNotFound { get; } = new("User not found");

    private static KeycloakErrorMessage Duplicate(PostgresException e) =>
        new(e.ConstraintName == "realm_user_email" ? "User exists with same email" : "User exists with same username");

    /// <summary>Keycloak's q: "key:value" pairs separated by spaces; null when malformed.</summary>
    private static Dictionary<string, string>? AttributeQuery(string? q)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var term in (q ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = term.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == term.Length - 1)
            {
                return null;
            }
            pairs[term[..colon]] = term[(colon + 1)..];
        }
        return pairs;
    }

    private static string[] ChangedFields(UserRepresentation body) =>
        new (string Name, object? Value)[]
        {
            ("firstName", body.FirstName), ("lastName", body.LastName), ("email", body.Email), ("emailVerified", body.EmailVerified),
            ("enabled", body.Enabled), ("attributes", body.Attributes), ("requiredActions", body.RequiredActions),
        }.Where(f => f.Value is not null).Select(f => f.Name).ToArray();
}
