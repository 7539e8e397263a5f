using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.Jurisdictions.Clients;
using Fenghuo.Jurisdictions.Data;
using Fenghuo.Jurisdictions.Domain;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.Jurisdictions.Messaging;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Jurisdictions.Onboarding;

/// <summary>
/// Adds a jurisdiction with its plan and first users in one call. Users are made in the realm
/// first, then the jurisdiction, its published plan and the events commit in one transaction.
/// A retry after a failure in between finds its own users (same username, same tenant) and
/// finishes; users a failed attempt created are removed, so a refused request leaves nothing.
/// </summary>
public sealed class JurisdictionOnboarding(
    TenantDatabase database, JurisdictionStore jurisdictions, PlanStore plans, PlanPublication publication,
    TenantDirectory directory, Outbox outbox, AuditTrail audit, IdentityAdminClient realm, TimeProvider time,
    ILogger<JurisdictionOnboarding> logger)
{
    public async Task<(OnboardingResult? Result, IReadOnlyList<FieldError> Errors)> OnboardAsync(OnboardingRequest request, string actor, CancellationToken ct)
    {
        var admin = new TenantScope(request.Code!, string.Empty, PlatformAdmin: true);
        var (parent, plan, basedOn, errors) = await database.InTransactionAsync(admin, session => PrepareAsync(session, request), ct);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var users = request.Users ?? [];
        var conflicts = await UsernameConflictsAsync(users, request.Code!, ct);
        if (conflicts.Count > 0)
        {
            return (null, conflicts);
        }

        var created = new List<string>();
        try
        {
            var onboarded = new List<OnboardedUser>();
            foreach (var user in users)
            {
                onboarded.Add(await EnsureUserAsync(user, request.Code!, created, ct));
            }
            var result = await database.InTransactionAsync(admin, session => CommitAsync(session, request, parent!, plan!, basedOn, onboarded, actor), ct);
            return (result, []);
        }
        catch
        {
            foreach (var id in created)
            {
                await realm.DeleteUserAsync(id, CancellationToken.None);
            }
            throw;
        }
    }

    private async Task<(Jurisdiction?, PlanDocument?, string, List<FieldError>)> PrepareAsync(DbSession session, OnboardingRequest request)
    {
        var parent = await jurisdictions.FindParentAsync(session, request.ParentCode!);
        var errors = OnboardingRules.CheckPlacement(request, parent, await jurisdictions.CodeExistsAsync(session, request.Code!));
        PlanDocument? plan = null;
        var basedOn = string.Empty;
        if (request.Plan!.Template is { } template)
        {
            plan = PlanTemplates.For(template)!.Plan;
            basedOn = $"template:{template}";
        }
        else if (await plans.InForceAsync(session, request.Plan.CopyFrom!, time.Today()) is { } copied)
        {
            plan = copied.Document;
            basedOn = $"copy:{copied.TenantCode}/v{copied.Version}";
        }
        else
        {
            errors.Add(new FieldError("plan.copyFrom", "no_plan_to_copy", "该辖区没有可复制的现行预案", "That jurisdiction has no plan in force to copy"));
        }
        return (parent, plan, basedOn, errors);
    }

    /// <summary>A username held by a user of another tenant cannot be taken over; one of this tenant is a retry's and is reused.</summary>
    private async Task<List<FieldError>> UsernameConflictsAsync(IReadOnlyList<OnboardingUser> users, string tenant, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        for (var i = 0; i < users.Count; i++)
        {
            if (await realm.FindUserAsync(users[i].Username!, ct) is { } existing && existing.Tenant != tenant)
            {
                errors.Add(new FieldError($"users[{i}].username", "username_taken", "用户名已被其他辖区使用", "The username belongs to a user of another jurisdiction"));
            }
        }
        return errors;
    }

    private async Task<OnboardedUser> EnsureUserAsync(OnboardingUser user, string tenant, List<string> created, CancellationToken ct)
    {
        var generated = user.Credentials is null ? OneTimePassword.Generate() : null;
        var password = user.Credentials?.Password ?? generated!;
        var temporary = user.Credentials?.Temporary ?? true;
        var representation = new RealmUser(null, user.Username!, user.DisplayName, user.Email, true,
            new Dictionary<string, string[]> { ["tenant"] = [tenant] }, temporary ? ["UPDATE_PASSWORD"] : [], null);

        var existing = await realm.FindUserAsync(user.Username!, ct);
        string id;
        if (existing?.Id is { } reused)
        {
            id = reused;
            await realm.UpdateUserAsync(id, representation with { Id = id }, ct);
        }
        else
        {
            id = await realm.CreateUserAsync(representation, ct);
            created.Add(id);
        }
        await realm.ResetPasswordAsync(id, password, temporary, ct);
        await realm.AssignRealmRolesAsync(id, user.Roles!, ct);
        return new OnboardedUser(id, user.Username!, user.Roles!, temporary, generated);
    }

    private async Task<OnboardingResult> CommitAsync(
        DbSession session, OnboardingRequest request, Jurisdiction parent, PlanDocument plan, string basedOn,
        IReadOnlyList<OnboardedUser> users, string actor)
    {
        var jurisdiction = await jurisdictions.InsertAsync(session, request, $"{parent.Path}.{request.Code}");
        await directory.ApplyAsync(session, jurisdiction.ToState());
        await outbox.EnqueueAsync(session, new JurisdictionOnboarded(jurisdiction.ToState())
        {
            OccurredAt = time.GetUtcNow(), TenantCode = jurisdiction.Code, TenantPath = jurisdiction.Path,
        });
        await plans.InsertAsync(session, jurisdiction.Path, new StoredPlanVersion(
            jurisdiction.Code, 1, PlanStatus.Draft, basedOn, null, null, null, default, actor, default, plan));
        await publication.PublishAsync(session, jurisdiction, 1, time.Today(), actor);
        await audit.AppendAsync(session, new AuditEntry(time.GetUtcNow(), jurisdiction.Code, actor, "jurisdiction.onboard",
            jurisdiction.Code, "success", CorrelationId.Current,
            System.Text.Json.JsonSerializer.Serialize(new { parent = parent.Code, plan = basedOn, users = users.Select(u => u.Username) })));
        logger.LogInformation("Onboarded {TenantCode} under {ParentCode} with {UserCount} users", jurisdiction.Code, parent.Code, users.Count);
        return new OnboardingResult(jurisdiction, 1, basedOn, users);
    }
}
