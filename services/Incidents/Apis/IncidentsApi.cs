using System.ComponentModel;
using System.Globalization;
using Fenghuo.Contracts.Incidents;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Acts;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Fenghuo.Incidents.Apis;

public static class IncidentsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        app.MapPlanRulesApi("incidents");
        app.MapTenantDirectoryApi("incidents");

        var incidents = app.MapGroup("api/incidents").WithTags("Incidents 事件");
        incidents.MapPost("", ReportAsync)
            .WithName("ReportIncident").WithSummary("上报: record the report form under the plan in force (header Idempotency-Key makes retries safe)");
        incidents.MapGet("", ListAsync)
            .WithName("ListIncidents").WithSummary("The caller's own incidents, newest first, filtered by state, grade, category and period; drills (演练) only with ?exercise=include or only");
        incidents.MapGet("escalated", EscalatedAsync)
            .WithName("ListEscalatedIncidents").WithSummary("What descendants escalated to the caller's command, newest first, with acknowledgement");
        incidents.MapGet("summary", SummaryAsync)
            .WithName("IncidentSubtreeSummary").WithSummary("Counts of the subtree's real incidents by tenant, state and grade (numbers only; drills never count)");
        incidents.MapGet("{id:guid}", GetAsync)
            .WithName("GetIncident").WithSummary("One incident with its clocks, the newest page of its timeline, escalations and inquiries");
        incidents.MapGet("{id:guid}/timeline", TimelineAsync)
            .WithName("GetIncidentTimeline")
            .WithSummary("处置记录 older than a page already shown: up to limit entries before the cursor, oldest first, with the cursor to page on")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // limit is bound as text so that "abc" is answered with the same field error as "0"; the document says what it takes.
                if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "limit") is { } limit)
                {
                    limit.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = TimelineQuery.MaxLimit.ToString(CultureInfo.InvariantCulture),
                    };
                }
                return Task.CompletedTask;
            });

        incidents.MapPost("{id:guid}/assessment", (Guid id, AssessmentRequest body, string? seen, [AsParameters] IncidentServices s, CancellationToken ct) =>
            ActAsync(s, seen, known => s.Response.AssessAsync(s.Caller, id, body, ct, known), ct))
            .WithName("AssessIncident").WithSummary("研判: confirmed, false alarm or not a security incident; sets the grade and the recommended level");
        incidents.MapPost("{id:guid}/response", (Guid id, LevelRequest body, string? seen, [AsParameters] IncidentServices s, CancellationToken ct) =>
            ActAsync(s, seen, known => s.Response.StartAsync(s.Caller, id, body, ct, known), ct))
            .WithName("StartResponse").WithSummary("启动响应 at a level, by a role the plan names for it");
        incidents.MapPut("{id:guid}/response/level", (Guid id, LevelRequest body, string? seen, [AsParameters] IncidentServices s, CancellationToken ct) =>
            ActAsync(s, seen, known => s.Response.ChangeLevelAsync(s.Caller, id, body, ct, known), ct))
            .WithName("ChangeResponseLevel").WithSummary("Raise or lower the response level");
        incidents.MapPost("{id:guid}/response/control", (Guid id, string? seen, [AsParameters] IncidentServices s, CancellationToken ct) =>
            ActAsync(s, seen, known => s.Response.ControlAsync(s.Caller, id, ct, known), ct))
            .WithName("ControlIncident").WithSummary("事态得到控制");
        incidents.MapPost("{id:guid}/response/end", (Guid id, string? seen, [AsParameters] IncidentServices s, CancellationToken ct) =>
            ActAsync(s, seen, known => s.Response.EndAsync(s.Caller, id, ct, known), ct))
            .WithName("EndResponse").WithSummary("应急结束, by the command holding the response; starts the review clock");
        incidents.MapPost("{id:guid}/followups", FollowUpAsync)
            .WithName("AddFollowUp").WithSummary("续报 or the written report after a phone report (header Idempotency-Key makes retries safe)");
        incidents.MapPost("{id:guid}/escalations", (Guid id, EscalationRequest body, string? seen, [AsParameters] IncidentServices s, CancellationToken ct) =>
            ActAsync(s, seen, known => s.Escalations.EscalateAsync(s.Caller, id, body, ct, known), ct))
            .WithName("EscalateIncident").WithSummary("Send it to the parent command: report, request support, or ask it to take over");
        incidents.MapPost("{id:guid}/acknowledgement", (Guid id, string? seen, [AsParameters] IncidentServices s, CancellationToken ct) =>
            ActAsync(s, seen, known => s.Escalations.AcknowledgeAsync(s.Caller, id, ct, known), ct))
            .WithName("AcknowledgeEscalation").WithSummary("签收, by a command the incident was escalated to");
        incidents.MapPost("{id:guid}/takeover", (Guid id, TakeoverRequest body, string? seen, [AsParameters] IncidentServices s, CancellationToken ct) =>
            ActAsync(s, seen, known => s.Escalations.TakeOverAsync(s.Caller, id, body, ct, known), ct))
            .WithName("TakeOverCommand").WithSummary("接管指挥, by a command the incident was escalated to");
        incidents.MapPost("{id:guid}/inquiries", (Guid id, InquiryRequest body, string? seen, [AsParameters] IncidentServices s, CancellationToken ct) =>
            ActAsync(s, seen, known => s.Escalations.InquireAsync(s.Caller, id, body, ct, known), ct))
            .WithName("SendInquiry").WithSummary("问询 the tenant that escalated it; the answer is due under that tenant's plan");
        incidents.MapPost("{id:guid}/inquiries/{inquiryId:guid}/answer", (Guid id, Guid inquiryId, AnswerRequest body, string? seen, [AsParameters] IncidentServices s, CancellationToken ct) =>
            ActAsync(s, seen, known => s.Escalations.AnswerAsync(s.Caller, id, inquiryId, body, ct, known), ct))
            .WithName("AnswerInquiry").WithSummary("答复问询");
        incidents.MapPost("{id:guid}/review", (Guid id, ReviewRequest body, string? seen, [AsParameters] IncidentServices s, CancellationToken ct) =>
            ActAsync(s, seen, known => s.Response.ReviewAsync(s.Caller, id, body, ct, known), ct))
            .WithName("SubmitReview").WithSummary("总结评估 after the response ended");
        incidents.MapPost("{id:guid}/close", (Guid id, string? seen, [AsParameters] IncidentServices s, CancellationToken ct) =>
            ActAsync(s, seen, known => s.Response.CloseAsync(s.Caller, id, ct, known), ct))
            .WithName("CloseIncident").WithSummary("关闭 after the review (or a confirmed incident that needed no response)");
        return incidents;
    }

    private static async Task<Results<Created<IncidentView>, ValidationProblem, ProblemHttpResult, NotFound>> ReportAsync(
        ReportForm form, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http,
        [AsParameters] IncidentServices s, CancellationToken ct)
    {
        var outcome = await s.Intake.ReportAsync(s.Caller, form, idempotencyKey, ct);
        if (outcome.Record is not { } record)
        {
            return ActResults.Refused<Created<IncidentView>>(outcome.Refusal, outcome.Errors);
        }
        if (outcome.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }
        return TypedResults.Created($"/api/incidents/{record.Incident.Id}", await ViewAsync(s, record, ct));
    }

    private static async Task<Results<Ok<IncidentView>, ValidationProblem, ProblemHttpResult, NotFound>> FollowUpAsync(
        Guid id, FollowUpRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, string? seen, HttpContext http,
        [AsParameters] IncidentServices s, CancellationToken ct) =>
        await ActAsync(s, seen, async known =>
        {
            var outcome = await s.Response.FollowUpAsync(s.Caller, id, body, idempotencyKey, ct, known);
            if (outcome.Replayed)
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
            }
            return outcome;
        }, ct);

    private static async Task<Results<Ok<IncidentView>, NotFound>> GetAsync(Guid id, [AsParameters] IncidentServices s, CancellationToken ct) =>
        await s.Runner.ReadAsync(s.Caller, id, ct) is { } record ? TypedResults.Ok(await ViewAsync(s, record, ct)) : TypedResults.NotFound();

    private static async Task<Results<Ok<TimelinePageView>, ValidationProblem, NotFound>> TimelineAsync(
        Guid id, [Description("The cursor a page gave: timelineBefore of the incident, or before of an older page; absent: the newest entries")] string? before,
        [Description("How many entries, 1–200; 50 when absent")] string? limit,
        [AsParameters] IncidentServices s, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (TimelineQuery.Read(before, limit, errors) is not { } query)
        {
            return Problems.Validation(errors);
        }
        if (!s.Caller.HasTenant)
        {
            return TypedResults.NotFound();
        }
        var page = await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Store.TimelineAsync(session, id, query.Before, query.Limit), ct);
        return page is null ? TypedResults.NotFound() : TypedResults.Ok(IncidentViews.Page(page));
    }

    private static async Task<Results<Ok<IncidentListItem[]>, ValidationProblem>> ListAsync(
        string? state, string? grade, string? category, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? exercise,
        [AsParameters] IncidentServices s, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var drills = Drills(exercise, errors);
        var wantedState = Filter<IncidentState>("state", "事件状态", state, errors);
        var wantedGrade = Filter<Grade>("grade", "事件级别", grade, errors);
        var take = Limit(limit, errors);
        if (from > to)
        {
            errors.Add(new FieldError("from", "after_to", "起始时间不能晚于结束时间", "from must not be after to"));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        if (!s.Caller.HasTenant)
        {
            return TypedResults.Ok(Array.Empty<IncidentListItem>());
        }
        var filter = new IncidentFilter(wantedState, wantedGrade, category, from?.ToUniversalTime(), to?.ToUniversalTime(), take, drills);
        var incidents = await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Store.ListOwnAsync(session, filter), ct);
        return TypedResults.Ok(incidents.Select(IncidentViews.ListItem).ToArray());
    }

    private static async Task<Results<Ok<EscalatedIncidentView[]>, ValidationProblem>> EscalatedAsync(
        int? limit, string? exercise, [AsParameters] IncidentServices s, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var take = Limit(limit, errors);
        var drills = Drills(exercise, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        if (!s.Caller.HasTenant)
        {
            return TypedResults.Ok(Array.Empty<EscalatedIncidentView>());
        }
        var escalated = await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Store.EscalatedToAsync(session, s.Caller.TenantCode!, take, drills), ct);
        return TypedResults.Ok(escalated.Select(IncidentViews.Escalated).ToArray());
    }

    private static async Task<Ok<IncidentCountView[]>> SummaryAsync([AsParameters] IncidentServices s, CancellationToken ct)
    {
        if (!s.Caller.HasTenant)
        {
            return TypedResults.Ok(Array.Empty<IncidentCountView>());
        }
        var counts = await s.Database.InTransactionAsync(s.Caller.Scope, s.Store.SubtreeCountsAsync, ct);
        return TypedResults.Ok(counts.Select(IncidentViews.Count).ToArray());
    }

    /// <param name="seen">
    /// ?seen=: the newest entry number of the record the caller has; the answer then carries only newer entries (at most a
    /// page, its cursor just below them), so that a page that already shows the record is not sent it again. Absent: the newest page.
    /// </param>
    private static async Task<Results<Ok<IncidentView>, ValidationProblem, ProblemHttpResult, NotFound>> ActAsync(
        IncidentServices s, string? seen, Func<int?, Task<ActOutcome>> act, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var known = TimelineQuery.Seen(seen, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var outcome = await act(known);
        return outcome.Record is { } record ? TypedResults.Ok(await ViewAsync(s, record, ct)) : ActResults.Refused<Ok<IncidentView>>(outcome.Refusal, outcome.Errors);
    }

    /// <summary>?exercise=exclude (the default: real incidents only), include, or only (drills alone).</summary>
    private static DrillFilter Drills(string? label, List<FieldError> errors)
    {
        if (label is null)
        {
            return DrillFilter.Exclude;
        }
        if (EnumLabel.TryParse<DrillFilter>(label, out var drills))
        {
            return drills;
        }
        errors.Add(new FieldError("exercise", "unknown", "exercise 须为 exclude（不含演练，默认）、include（含演练）或 only（仅演练）",
            "exercise must be exclude (the default), include or only"));
        return DrillFilter.Exclude;
    }

    /// <summary>A listing's filter by an enum label: null when absent; an unknown label is a field error.</summary>
    private static TEnum? Filter<TEnum>(string field, string nameZh, string? label, List<FieldError> errors) where TEnum : struct, Enum
    {
        if (label is null)
        {
            return null;
        }
        if (EnumLabel.TryParse<TEnum>(label, out var value))
        {
            return value;
        }
        errors.Add(new FieldError(field, "unknown", $"未知的{nameZh}「{label}」", $"Unknown {field} '{label}'"));
        return null;
    }

    /// <summary>A listing's limit: DefaultLimit when absent; outside 1–MaxLimit a field error, never silently clamped.</summary>
    private static int Limit(int? limit, List<FieldError> errors)
    {
        if (limit is < 1 or > MaxLimit)
        {
            errors.Add(new FieldError("limit", "out_of_range", $"limit 须在 1–{MaxLimit} 之间", $"limit must be 1–{MaxLimit}"));
        }
        return limit ?? DefaultLimit;
    }

    private static async Task<IncidentView> ViewAsync(IncidentServices s, IncidentRecord record, CancellationToken ct)
    {
        var owner = record.Incident.TenantCode;
        var name = (owner == s.Caller.TenantCode ? s.Caller.Tenant : await s.Directory.FindAsync(owner, ct))?.Name ?? owner;
        return IncidentViews.Of(record, name, s.Time.GetUtcNow(), await s.Runner.AllowedAsync(s.Caller, record, ct));
    }
}
