using Fenghuo.Contracts;
using Fenghuo.Jurisdictions.Acts;
using Fenghuo.Jurisdictions.Data;
using Fenghuo.Jurisdictions.Domain;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

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
        jurisdictions.MapGet("{code}/plans/{version:int}/citations", CitationsAsync)
            .WithName("GetPlanCitations").WithSummary("The exercise findings a plan-revision draft cites (预案修订依据)");
        jurisdictions.MapPost("{code}/plans", CreateDraftAsync)
            .WithName("CreatePlanDraft").WithSummary("Start a draft from the plan in force, a template or another jurisdiction's plan");
        jurisdictions.MapPut("{code}/plans/{version:int}", UpdateDraftAsync)
            .WithName("UpdatePlanDraft").WithSummary("Replace a draft's document (published versions never change)");
        jurisdictions.MapPost("{code}/plans/{version:int}/publish", PublishAsync)
            .WithName("PublishPlanVersion").WithSummary("Publish a draft: it becomes immutable and is in force from its effective date");
        jurisdictions.MapDelete("{code}/plans/{version:int}", DiscardDraftAsync)
            .WithName("DiscardPlanDraft").WithSummary("放弃草稿: delete a draft and the findings it cites (published versions are never deleted)");
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

    private static async Task<Results<Ok<PlanCitation[]>, NotFound>> CitationsAsync(string code, int version, [AsParameters] PlanServices s, CancellationToken ct)
    {
        var cited = await s.Database.InTransactionAsync(s.Caller.Scope, async session =>
            await s.Plans.FindAsync(session, code, version) is null ? null : await s.Citations.OfAsync(session, code, version), ct);
        return cited is null ? TypedResults.NotFound() : TypedResults.Ok(cited.ToArray());
    }

    private static async Task<Results<Created<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>> CreateDraftAsync(
        string code, PlanDraftRequest request, [AsParameters] PlanServices s, CancellationToken ct) =>
        Answer(await s.Drafting.CreateDraftAsync(s.Caller, code, request, ct),
            draft => TypedResults.Created($"/api/jurisdictions/{code}/plans/{draft.Version}", PlanVersionView.Of(draft, s.Time.Today())));

    private static async Task<Results<Ok<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateDraftAsync(
        string code, int version, PlanDocument document, [AsParameters] PlanServices s, CancellationToken ct) =>
        Answer(await s.Drafting.UpdateDraftAsync(s.Caller, code, version, document, ct), draft => TypedResults.Ok(PlanVersionView.Of(draft, s.Time.Today())));

    private static async Task<Results<Ok<PlanVersionView>, NotFound, ValidationProblem, ProblemHttpResult>> PublishAsync(
        string code, int version, PlanPublishRequest? request, [AsParameters] PlanServices s, CancellationToken ct) =>
        Answer(await s.Drafting.PublishAsync(s.Caller, code, version, request?.EffectiveFrom, ct),
            published => TypedResults.Ok(PlanVersionView.Of(published, s.Time.Today())));

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DiscardDraftAsync(
        string code, int version, [AsParameters] PlanServices s, CancellationToken ct) =>
        Answer(await s.Drafting.DiscardDraftAsync(s.Caller, code, version, ct), _ => TypedResults.NoContent());

    private static async Task<Results<Ok<ContactsView>, NotFound>> ContactsAsync(string code, [AsParameters] PlanServices s, CancellationToken ct)
    {
        var today = s.Time.Today();
        var (jurisdiction, plan) = await s.Database.InTransactionAsync(s.Caller.Scope, async session =>
        {
            var jurisdiction = await s.Jurisdictions.FindAsync(session, code);
            // Row-level security also shows a tenant its ancestors; plans are for the tenant and the commands above it only.
            return jurisdiction is null || !s.Caller.Oversees(jurisdiction.Path) ? (null, null) : (jurisdiction, await s.Plans.InForceAsync(session, code, today));
        }, ct);
        if (plan is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new ContactsView(code, jurisdiction!.Name, jurisdiction.DutyPhone,
            plan.Document.Organisation.Office, plan.Document.Organisation.Contacts.Entries, plan.Version));
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

    /// <summary>The one way a plan change becomes an answer: done, unseen (404), bad fields (400), refused (403/409).</summary>
    private static Results<TDone, NotFound, ValidationProblem, ProblemHttpResult> Answer<TDone>(PlanOutcome outcome, Func<StoredPlanVersion, TDone> done)
        where TDone : IResult => outcome switch
        {
            { Version: { } version } => done(version),
            { Errors.Count: > 0 } => Problems.Validation(outcome.Errors),
            { Refusal: { } refusal } => Problems.Refused(refusal.Status, refusal.Code, refusal.MessageZh, refusal.MessageEn),
            _ => TypedResults.NotFound(),
        };
}
