using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Jurisdictions.Domain;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Fenghuo.Jurisdictions.Apis;

public static class PlansApi
{
    public static void MapPlansApi(this RouteGroupBuilder jurisdictions)
    {
        jurisdictions.MapGet("{code}/plan", GetInForceAsync)
            .WithName("GetPlanInForce").WithSummary("The plan version in force today, with its revision clock");
        jurisdictions.MapGet("{code}/plans", ListAsync)
            .WithName("ListPlanVersions").WithSummary("Every version of the jurisdiction's plan, newest first");
        jurisdictions.MapGet("{code}/plans/{version:int}", GetVersionAsync)
            .WithName("GetPlanVersion").WithSummary("One plan version with its document");
        jurisdictions.MapPost("{code}/plans", CreateDraftAsync)
            .WithName("CreatePlanDraft").WithSummary("Start a draft from the plan in force, a template or another jurisdiction's plan");
        jurisdictions.MapPut("{code}/plans/{version:int}", UpdateDraftAsync)
            .WithName("UpdatePlanDraft").WithSummary("Replace a draft's document (published versions never change)");
        jurisdictions.MapPost("{code}/plans/{version:int}/publish", PublishAsync)
            .WithName("PublishPlanVersion").WithSummary("Publish a draft: it becomes immutable and is in force from its effective date");
        jurisdictions.MapGet("{code}/contacts", ContactsAsync)
            .WithName("GetContacts").WithSummary("Duty phone, command office and the plan's contact table");
        jurisdictions.MapGet("plan-revisions", RevisionsAsync)
            .WithName("ListPlanRevisions").WithSummary("Revision due dates of the caller's plan and every plan below it, overdue first");
    }

    private static async Task<Results<Ok<PlanVersionView>, NotFound>> GetInForceAsync(string code, [AsParameters] PlanServices s, CancellationToken ct)
    {
        var today = s.Time.Today();
        var plan = await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Plans.InForceAsync(session, code, today), ct);
        return plan is null ? TypedResults.NotFound() : TypedResults.Ok(PlanVersionView.Of(plan, today));
    }

    private static async Task<Results<Ok<PlanVersionView[]>, NotFound>> ListAsync(string code, [AsParameters] PlanServices s, CancellationToken ct)
    {
        var today = s.Time.Today();
        var versions = await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Plans.ListAsync(session, code), ct);
        return versions.Count == 0
            ? TypedResults.NotFound()
            : TypedResults.Ok(versions.Select(v => PlanVersionView.Of(v, today, withDocument: false)).ToArray());
    }

    private static async Task<Results<Ok<PlanVersionView>, NotFound>> GetVersionAsync(string code, int version, [AsParameters] PlanServices s, CancellationToken ct)
    {
        var plan = await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Plans.FindAsync(session, code, version), ct);
        return plan is null ? TypedResults.NotFound() : TypedResults.Ok(PlanVersionView.Of(plan, s.Time.Today()));
    }

    private static async Task<Results<Created<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>> CreateDraftAsync(
        string code, PlanDraftRequest request, [AsParameters] PlanServices s, CancellationToken ct)
    {
        var sources = new[] { request.From, request.Template, request.CopyFrom }.Count(x => !string.IsNullOrWhiteSpace(x));
        if (sources != 1 || (request.From is not null && request.From != "current"))
        {
            return Problems.Validation(new FieldError("from", "one_source",
                "请只指定一个来源：from=\"current\"、template 或 copyFrom", "Give exactly one source: from=\"current\", template or copyFrom"));
        }
        try
        {
            return await s.Database.InTransactionAsync(s.Caller.Scope, async session =>
            {
                var jurisdiction = await s.Jurisdictions.FindAsync(session, code);
                if (jurisdiction is null || !Visible(s, jurisdiction))
                {
                    return (Results<Created<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>)TypedResults.NotFound();
                }
                if (!PlanAuthoring.MayEdit(s.Caller, code))
                {
                    return NotAuthor();
                }
                var today = s.Time.Today();
                var (document, basedOn, error) = await DraftSourceAsync(s, session, code, request, today);
                if (error is not null)
                {
                    return Problems.Validation(error);
                }
                var draft = new StoredPlanVersion(code, await s.Plans.NextVersionAsync(session, code), PlanStatus.Draft, basedOn,
                    null, null, null, s.Time.GetUtcNow(), s.Caller.Username ?? "unknown", s.Time.GetUtcNow(), document!);
                await s.Plans.InsertAsync(session, jurisdiction.Path, draft);
                await Audit(s, session, code, "plan.draft", draft.Version, basedOn);
                var stored = (await s.Plans.FindAsync(session, code, draft.Version))!;
                return TypedResults.Created($"/api/jurisdictions/{code}/plans/{draft.Version}", PlanVersionView.Of(stored, today));
            }, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Problems.Conflict("draft_exists", "已有一份草稿，请先编辑或发布它", "A draft already exists; edit or publish it first");
        }
    }

    private static async Task<Results<Ok<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateDraftAsync(
        string code, int version, PlanDocument document, [AsParameters] PlanServices s, CancellationToken ct)
    {
        var errors = PlanValidator.Validate(document, Taxonomies.BuiltIn);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors.ToArray());
        }
        return await s.Database.InTransactionAsync(s.Caller.Scope, async session =>
        {
            var (jurisdiction, stored, refusal) = await DraftOfAsync(s, session, code, version);
            if (refusal is not null)
            {
                return refusal;
            }
            await s.Plans.UpdateDraftAsync(session, code, version, document);
            await Audit(s, session, code, "plan.edit", version, stored!.BasedOn);
            return (Results<Ok<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>)TypedResults.Ok(
                PlanVersionView.Of((await s.Plans.FindAsync(session, code, version))!, s.Time.Today()));
        }, ct);
    }

    private static async Task<Results<Ok<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>> PublishAsync(
        string code, int version, PlanPublishRequest? request, [AsParameters] PlanServices s, CancellationToken ct)
    {
        var today = s.Time.Today();
        var effectiveFrom = request?.EffectiveFrom ?? today;
        if (effectiveFrom < today)
        {
            return Problems.Validation(new FieldError("effectiveFrom", "effective_in_past",
                "生效日期不能早于今天：已上报的事件按当时的预案处理", "The effective date cannot be in the past: reported incidents keep the plan they were reported under"));
        }
        return await s.Database.InTransactionAsync(s.Caller.Scope, async session =>
        {
            var (jurisdiction, stored, refusal) = await DraftOfAsync(s, session, code, version);
            if (refusal is not null)
            {
                return refusal;
            }
            var errors = PlanValidator.Validate(stored!.Document, Taxonomies.BuiltIn);
            if (errors.Count > 0)
            {
                return Problems.Validation(errors.ToArray());
            }
            await s.Publication.PublishAsync(session, jurisdiction!, version, effectiveFrom, s.Caller.Username ?? "unknown");
            return (Results<Ok<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>)TypedResults.Ok(
                PlanVersionView.Of((await s.Plans.FindAsync(session, code, version))!, today));
        }, ct);
    }

    private static async Task<Results<Ok<ContactsView>, NotFound>> ContactsAsync(string code, [AsParameters] PlanServices s, CancellationToken ct)
    {
        var today = s.Time.Today();
        return await s.Database.InTransactionAsync(s.Caller.Scope, async session =>
        {
            var jurisdiction = await s.Jurisdictions.FindAsync(session, code);
            var plan = jurisdiction is null || !Visible(s, jurisdiction) ? null : await s.Plans.InForceAsync(session, code, today);
            return plan is null
                ? (Results<Ok<ContactsView>, NotFound>)TypedResults.NotFound()
                : TypedResults.Ok(new ContactsView(code, jurisdiction!.Name, jurisdiction.DutyPhone,
                    plan.Document.Organisation.Office, plan.Document.Organisation.Contacts.Entries, plan.Version));
        }, ct);
    }

    private static async Task<Ok<RevisionView[]>> RevisionsAsync([AsParameters] PlanServices s, CancellationToken ct)
    {
        var today = s.Time.Today();
        var path = s.Caller.HasTenant ? s.Caller.TenantPath : null;
        var plans = s.Caller.HasTenant || s.Caller.IsPlatformAdmin
            ? await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Plans.InForceBelowAsync(session, path, today), ct)
            : [];
        return TypedResults.Ok(plans
            .Select(p => new RevisionView(p.TenantCode, p.Version, p.Document.Identity.Title, p.NextRevisionDue, p.IsRevisionOverdue(today)))
            .OrderByDescending(r => r.Overdue).ThenBy(r => r.NextRevisionDue).ToArray());
    }

    private static async Task<(PlanDocument? Document, string BasedOn, FieldError? Error)> DraftSourceAsync(
        PlanServices s, DbSession session, string code, PlanDraftRequest request, DateOnly today)
    {
        if (request.Template is { } id)
        {
            return PlanTemplates.For(id) is { } template
                ? (template.Plan, $"template:{id}", null)
                : (null, "", new FieldError("template", "unknown_template", "没有这个模板", "No such template"));
        }
        if (request.CopyFrom is { } other)
        {
            return await s.Plans.InForceAsync(session, other, today) is { } copied
                ? (copied.Document, $"copy:{other}/v{copied.Version}", null)
                : (null, "", new FieldError("copyFrom", "no_plan_to_copy", "该辖区没有可复制的现行预案", "That jurisdiction has no plan in force you may copy"));
        }
        return await s.Plans.InForceAsync(session, code, today) is { } current
            ? (current.Document, $"version:{current.Version}", null)
            : (null, "", new FieldError("from", "no_plan_in_force", "本辖区尚无现行预案", "This jurisdiction has no plan in force"));
    }

    /// <summary>The draft to change, or why it cannot be changed: unseen (404), not the caller's to edit (403), not a draft (409).</summary>
    private static async Task<(Jurisdiction?, StoredPlanVersion?, Results<Ok<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>?)> DraftOfAsync(
        PlanServices s, DbSession session, string code, int version)
    {
        var jurisdiction = await s.Jurisdictions.FindAsync(session, code);
        var stored = jurisdiction is null || !Visible(s, jurisdiction) ? null : await s.Plans.FindAsync(session, code, version);
        if (stored is null)
        {
            return (null, null, TypedResults.NotFound());
        }
        if (!PlanAuthoring.MayEdit(s.Caller, code))
        {
            return (null, null, NotAuthor());
        }
        if (stored.Status != PlanStatus.Draft)
        {
            return (null, null, Problems.Conflict("not_a_draft", "已发布的预案版本不能修改，请新建草稿", "A published plan version cannot change; start a new draft"));
        }
        return (jurisdiction, stored, null);
    }

    // Row-level security also shows a tenant its ancestors; plans are for the tenant and the commands above it only.
    private static bool Visible(PlanServices s, Jurisdiction jurisdiction) =>
        s.Caller.IsPlatformAdmin || (s.Caller.TenantPath is { } path && (jurisdiction.Path == path || jurisdiction.Path.StartsWith(path + ".", StringComparison.Ordinal)));

    private static ProblemHttpResult NotAuthor() =>
        Problems.Forbidden("not_plan_author", "只有本辖区指挥部（指挥长、副指挥长、办公室主任）或平台管理员可以编辑预案",
            "Only the jurisdiction's own command (commander, deputy, office director) or a platform admin may edit its plan");

    private static Task Audit(PlanServices s, DbSession session, string code, string action, int version, string basedOn) =>
        s.Audit.AppendAsync(session, new AuditEntry(s.Time.GetUtcNow(), code, s.Caller.Username ?? "unknown", action,
            $"{code}/v{version}", "success", CorrelationId.Current, System.Text.Json.JsonSerializer.Serialize(new { basedOn })));
}
