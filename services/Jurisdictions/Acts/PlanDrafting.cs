using System.Text.Json;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Jurisdictions.Data;
using Fenghuo.Jurisdictions.Domain;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.Jurisdictions.Messaging;
using Fenghuo.ServiceDefaults.Http;
using Npgsql;

namespace Fenghuo.Jurisdictions.Acts;

/// <summary>
/// A jurisdiction's command writes its plan: a draft from the plan in force, a template or another
/// jurisdiction's plan; edits to the draft; publication, after which the version never changes.
/// Each change is audited in its own transaction. Each weighs the caller (unseen: 404; not the
/// plan's author: 403) before it reads the request, so whoever may not write learns nothing from a field error.
/// </summary>
public sealed class PlanDrafting(
    TenantDatabase database, JurisdictionStore jurisdictions, PlanStore plans, CitationStore citations, PlanPublication publication,
    AuditTrail audit, TimeProvider time)
{
    public async Task<PlanOutcome> CreateDraftAsync(TenantContext caller, string code, PlanDraftRequest request, CancellationToken ct)
    {
        try
        {
            return await database.InTransactionAsync(caller.Scope, async session =>
            {
                var jurisdiction = await jurisdictions.FindAsync(session, code);
                if (jurisdiction is null || !caller.Oversees(jurisdiction.Path))
                {
                    return PlanOutcome.Missing;
                }
                if (!PlanAuthoring.MayEdit(caller, code))
                {
                    return PlanOutcome.Refused(PlanRefusal.NotAuthor);
                }
                var sources = new[] { request.From, request.Template, request.CopyFrom }.Count(x => !string.IsNullOrWhiteSpace(x));
                if (sources != 1 || (request.From is not null && request.From != "current"))
                {
                    return PlanOutcome.Invalid(new FieldError("from", "one_source",
                        "请只指定一个来源：from=\"current\"、template 或 copyFrom", "Give exactly one source: from=\"current\", template or copyFrom"));
                }
                var (document, basedOn, error) = await DraftSourceAsync(session, code, request, time.Today());
                if (error is not null)
                {
                    return PlanOutcome.Invalid(error);
                }
                var now = time.GetUtcNow();
                var draft = new StoredPlanVersion(code, await plans.NextVersionAsync(session, code), PlanStatus.Draft, basedOn,
                    null, null, null, now, caller.Actor, now, document!);
                await plans.InsertAsync(session, jurisdiction.Path, draft);
                await AuditAsync(session, caller, code, "plan.draft", draft.Version, basedOn);
                return PlanOutcome.Done((await plans.FindAsync(session, code, draft.Version))!);
            }, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return PlanOutcome.Refused(PlanRefusal.DraftExists);
        }
    }

    public async Task<PlanOutcome> UpdateDraftAsync(TenantContext caller, string code, int version, PlanDocument document, CancellationToken ct)
    {
        return await database.InTransactionAsync(caller.Scope, async session =>
        {
            var (_, stored, refusal) = await DraftOfAsync(session, caller, code, version);
            if (refusal is not null)
            {
                return refusal;
            }
            var errors = PlanValidator.Validate(document, Taxonomies.BuiltIn);
            if (errors.Count > 0)
            {
                return PlanOutcome.Invalid(errors.ToArray());
            }
            await plans.UpdateDraftAsync(session, code, version, document);
            await AuditAsync(session, caller, code, "plan.edit", version, stored!.BasedOn);
            return PlanOutcome.Done((await plans.FindAsync(session, code, version))!);
        }, ct);
    }

    public async Task<PlanOutcome> PublishAsync(TenantContext caller, string code, int version, DateOnly? effectiveFrom, CancellationToken ct)
    {
        var from = effectiveFrom ?? time.Today();
        return await database.InTransactionAsync(caller.Scope, async session =>
        {
            var (jurisdiction, stored, refusal) = await DraftOfAsync(session, caller, code, version);
            if (refusal is not null)
            {
                return refusal;
            }
            if (from < time.Today())
            {
                return PlanOutcome.Invalid(new FieldError("effectiveFrom", "effective_in_past",
                    "生效日期不能早于今天：已上报的事件按当时的预案处理", "The effective date cannot be in the past: reported incidents keep the plan they were reported under"));
            }
            var errors = PlanValidator.Validate(stored!.Document, Taxonomies.BuiltIn);
            if (errors.Count > 0)
            {
                return PlanOutcome.Invalid(errors.ToArray());
            }
            await publication.PublishAsync(session, jurisdiction!, version, from, caller.Actor);
            return PlanOutcome.Done((await plans.FindAsync(session, code, version))!);
        }, ct);
    }

    /// <summary>放弃草稿: the draft and the findings it cited are gone; the audit trail keeps which they were.</summary>
    public async Task<PlanOutcome> DiscardDraftAsync(TenantContext caller, string code, int version, CancellationToken ct)
    {
        return await database.InTransactionAsync(caller.Scope, async session =>
        {
            var (_, stored, refusal) = await DraftOfAsync(session, caller, code, version);
            if (refusal is not null)
            {
                return refusal;
            }
            var findings = await citations.RemoveOfAsync(session, code, version);
            await plans.DeleteDraftAsync(session, code, version);
            await audit.AppendAsync(session, new AuditEntry(time.GetUtcNow(), code, caller.Actor, "plan.discard",
                $"{code}/v{version}", "success", CorrelationId.Current, JsonSerializer.Serialize(new { stored!.BasedOn, citedFindings = findings })));
            return PlanOutcome.Done(stored);
        }, ct);
    }

    private async Task<(PlanDocument? Document, string BasedOn, FieldError? Error)> DraftSourceAsync(
        DbSession session, string code, PlanDraftRequest request, DateOnly today)
    {
        if (request.Template is { } id)
        {
            return PlanTemplates.For(id) is { } template
                ? (template.Plan, $"template:{id}", null)
                : (null, "", new FieldError("template", "unknown_template", "没有这个模板", "No such template"));
        }
        if (request.CopyFrom is { } other)
        {
            return await plans.InForceAsync(session, other, today) is { } copied
                ? (copied.Document, $"copy:{other}/v{copied.Version}", null)
                : (null, "", new FieldError("copyFrom", "no_plan_to_copy", "该辖区没有可复制的现行预案", "That jurisdiction has no plan in force you may copy"));
        }
        return await plans.InForceAsync(session, code, today) is { } current
            ? (current.Document, $"version:{current.Version}", null)
            : (null, "", new FieldError("from", "no_plan_in_force", "本辖区尚无现行预案", "This jurisdiction has no plan in force"));
    }

    /// <summary>The draft to change, or why it cannot be changed: unseen, not the caller's to edit, not a draft.</summary>
    private async Task<(Jurisdiction?, StoredPlanVersion?, PlanOutcome?)> DraftOfAsync(DbSession session, TenantContext caller, string code, int version)
    {
        var jurisdiction = await jurisdictions.FindAsync(session, code);
        // Row-level security also shows a tenant its ancestors; plans are for the tenant and the commands above it only.
        var stored = jurisdiction is null || !caller.Oversees(jurisdiction.Path) ? null : await plans.FindAsync(session, code, version);
        if (stored is null)
        {
            return (null, null, PlanOutcome.Missing);
        }
        if (!PlanAuthoring.MayEdit(caller, code))
        {
            return (null, null, PlanOutcome.Refused(PlanRefusal.NotAuthor));
        }
        if (stored.Status != PlanStatus.Draft)
        {
            return (null, null, PlanOutcome.Refused(PlanRefusal.NotADraft));
        }
        return (jurisdiction, stored, null);
    }

    private Task AuditAsync(DbSession session, TenantContext caller, string code, string action, int version, string basedOn) =>
        audit.AppendAsync(session, new AuditEntry(time.GetUtcNow(), code, caller.Actor, action,
            $"{code}/v{version}", "success", CorrelationId.Current, JsonSerializer.Serialize(new { basedOn })));
}
