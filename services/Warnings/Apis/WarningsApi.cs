using Fenghuo.Warnings.Acts;
using Fenghuo.Warnings.Data;
using Fenghuo.Warnings.Domain;
using Fenghuo.Contracts;
using Fenghuo.ServiceDefaults.Http;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fenghuo.Warnings.Apis;

public static class WarningsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapWarningsApi(this IEndpointRouteBuilder app)
    {
        app.MapPlanRulesApi("warnings");
        app.MapTenantDirectoryApi("warnings");

        var warnings = app.MapGroup("api/warnings").WithTags("Warnings 预警");
        warnings.MapGet("levels", LevelsAsync)
            .WithName("WarningLevels").WithSummary("The caller's plan's warning scheme: levels highest first, measures, who issues and lifts");
        warnings.MapPost("", ProposeAsync)
            .WithName("ProposeWarning").WithSummary("提出预警 under the plan in force (header Idempotency-Key makes retries safe); nobody is reached until it is issued");
        warnings.MapGet("", ListAsync)
            .WithName("ListWarnings").WithSummary("Warnings issued by, received by or reported to the caller's jurisdiction, each with its direction");
        warnings.MapGet("{id:guid}", GetAsync)
            .WithName("GetWarning").WithSummary("One warning with its history and the receipts the caller may see");
        warnings.MapPost("{id:guid}/issue", (Guid id, [AsParameters] WarningServices s, CancellationToken ct) =>
            ActAsync(s, s.Acts.IssueAsync(s.Caller, id, ct), ct))
            .WithName("IssueWarning").WithSummary("发布, by a role the issuing plan names (issuance.approverRoles); reaches the whole subtree");
        warnings.MapPost("{id:guid}/adjust", (Guid id, AdjustRequest body, [AsParameters] WarningServices s, CancellationToken ct) =>
            ActAsync(s, s.Acts.AdjustAsync(s.Caller, id, body, ct), ct))
            .WithName("AdjustWarning").WithSummary("调整: raise or lower the level, by the issuer");
        warnings.MapPost("{id:guid}/lift", (Guid id, LiftRequest body, [AsParameters] WarningServices s, CancellationToken ct) =>
            ActAsync(s, s.Acts.LiftAsync(s.Caller, id, body, ct), ct))
            .WithName("LiftWarning").WithSummary("解除, by the issuer alone (谁发布谁解除)");
        warnings.MapPost("{id:guid}/acknowledgement", (Guid id, [AsParameters] WarningServices s, CancellationToken ct) =>
            ActAsync(s, s.Acts.AcknowledgeAsync(s.Caller, id, ct), ct))
            .WithName("AcknowledgeWarning").WithSummary("签收, by a tenant the warning reached");
        warnings.MapCapApi();
        return warnings;
    }

    private static async Task<Results<Ok<SchemeView>, NotFound>> LevelsAsync([AsParameters] WarningServices s, CancellationToken ct)
    {
        if (s.Caller is not { } caller)
        {
            return TypedResults.NotFound();
        }
        var plan = await s.Database.InTransactionAsync(caller.Scope,
            session => s.Plans.InForceAsync(session, caller.TenantCode, s.Time.GetUtcNow().ShanghaiDate()), ct);
        return plan is null ? TypedResults.NotFound() : TypedResults.Ok(WarningViews.Scheme(plan.Version, plan.Rules));
    }

    private static async Task<Results<Created<WarningView>, ValidationProblem, ProblemHttpResult, NotFound>> ProposeAsync(
        WarningProposal proposal, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http,
        [AsParameters] WarningServices s, CancellationToken ct)
    {
        var outcome = await s.Proposals.ProposeAsync(s.Caller, proposal, idempotencyKey, ct);
        if (outcome.Record is not { } record)
        {
            return ActResults.Refused<Created<WarningView>>(outcome.Refusal, outcome.Errors);
        }
        if (outcome.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }
        return TypedResults.Created($"/api/warnings/{record.Warning.Id}", await ViewAsync(s, record, ct));
    }

    private static async Task<Results<Ok<WarningView>, NotFound>> GetAsync(Guid id, [AsParameters] WarningServices s, CancellationToken ct) =>
        await s.Runner.ReadAsync(s.Caller, id, ct) is { } record ? TypedResults.Ok(await ViewAsync(s, record, ct)) : TypedResults.NotFound();

    private static async Task<Results<Ok<WarningListItem[]>, ValidationProblem>> ListAsync(string? state, int? limit, [AsParameters] WarningServices s, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (state is not null && !EnumLabel.TryParse<WarningState>(state, out _))
        {
            errors.Add(new FieldError("state", "unknown", $"未知的预警状态「{state}」，可选：proposed、in_force、adjusted、lifted、expired",
                $"Unknown state '{state}'; use proposed, in_force, adjusted, lifted or expired"));
        }
        if (limit is < 1 or > MaxLimit)
        {
            errors.Add(new FieldError("limit", "out_of_range", $"limit 须在 1–{MaxLimit} 之间", $"limit must be 1–{MaxLimit}"));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        if (s.Caller is not { } caller)
        {
            return TypedResults.Ok(Array.Empty<WarningListItem>());
        }
        var listed = await s.Database.InTransactionAsync(caller.Scope, session => s.Store.ListAsync(session, state, limit ?? DefaultLimit), ct);
        var names = await NamesAsync(s, listed.Select(l => l.Warning.TenantCode), ct);
        return TypedResults.Ok(listed.Select(l => WarningViews.ListItem(l, names[l.Warning.TenantCode])).ToArray());
    }

    private static async Task<Results<Ok<WarningView>, ValidationProblem, ProblemHttpResult, NotFound>> ActAsync(
        WarningServices s, Task<ActOutcome> act, CancellationToken ct)
    {
        var outcome = await act;
        return outcome.Record is { } record ? TypedResults.Ok(await ViewAsync(s, record, ct)) : ActResults.Refused<Ok<WarningView>>(outcome.Refusal, outcome.Errors);
    }

    private static async Task<WarningView> ViewAsync(WarningServices s, WarningRecord record, CancellationToken ct)
    {
        var issuer = record.Warning.TenantCode;
        var names = await NamesAsync(s, [issuer], ct);
        return WarningViews.Of(record, s.Context.TenantCode!, names[issuer]);
    }

    /// <summary>The issuing bodies' names, from this service's copy of the tenant tree.</summary>
    internal static async Task<IReadOnlyDictionary<string, string>> NamesAsync(WarningServices s, IEnumerable<string> codes, CancellationToken ct)
    {
        var names = new Dictionary<string, string>();
        foreach (var code in codes.Distinct())
        {
            names[code] = code == s.Context.TenantCode && s.Context.Tenant is { } own
                ? own.Name
                : (await s.Directory.FindAsync(code, ct))?.Name ?? code;
        }
        return names;
    }
}
