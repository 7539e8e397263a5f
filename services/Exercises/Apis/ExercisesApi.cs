using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Exercises.Acts;
using Fenghuo.Exercises.Data;
using Fenghuo.Exercises.Domain;
using Fenghuo.Exercises.Reports;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fenghuo.Exercises.Apis;

public static class ExercisesApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapExercisesApi(this IEndpointRouteBuilder app)
    {
        app.MapPlanRulesApi("exercises");
        app.MapTenantDirectoryApi("exercises");

        var exercises = app.MapGroup("api/exercises").WithTags("Exercises 应急演练");
        exercises.MapPost("", PlanAsync)
            .WithName("PlanExercise").WithSummary("计划演练, by the organiser's office director or command (header Idempotency-Key makes retries safe)");
        exercises.MapGet("", ListAsync)
            .WithName("ListExercises").WithSummary("Exercises the caller organises, takes part in, or oversees, newest first");
        exercises.MapGet("compliance", ComplianceAsync)
            .WithName("ExerciseCompliance").WithSummary("Each tenant of the caller's subtree: its plan's yearly drill requirement, drills completed, met / due / overdue");
        exercises.MapGet("{id:guid}", GetAsync)
            .WithName("GetExercise").WithSummary("One exercise with its participants, injects, drill incidents, findings and history");
        exercises.MapPost("{id:guid}/start", (Guid id, [AsParameters] ExerciseServices s, CancellationToken ct) =>
            ActAsync(s, s.Acts.StartAsync(s.Caller, id, ct), ct))
            .WithName("StartExercise").WithSummary("开始: injects are delivered from now, each at its offset");
        exercises.MapPost("{id:guid}/end", (Guid id, [AsParameters] ExerciseServices s, CancellationToken ct) =>
            ActAsync(s, s.Acts.EndAsync(s.Caller, id, ct), ct))
            .WithName("EndExercise").WithSummary("结束: the exercise counts toward every participant's yearly obligation");
        exercises.MapPost("{id:guid}/injects/{injectId:guid}/response", (Guid id, Guid injectId, ResponseRequest body, [AsParameters] ExerciseServices s, CancellationToken ct) =>
            ActAsync(s, s.Acts.RespondAsync(s.Caller, id, injectId, body, ct), ct))
            .WithName("RespondToInject").WithSummary("回应情景注入, by the participant it was addressed to; the response time is recorded");
        exercises.MapPost("{id:guid}/evaluation", (Guid id, EvaluationRequest body, [AsParameters] ExerciseServices s, CancellationToken ct) =>
            ActAsync(s, s.Acts.EvaluateAsync(s.Caller, id, body, ct), ct))
            .WithName("EvaluateExercise").WithSummary("评估 after the end: a summary and findings, each owned by a participant with a due date");
        exercises.MapPost("{id:guid}/findings/{findingId:guid}/close", (Guid id, Guid findingId, CloseFindingRequest body, [AsParameters] ExerciseServices s, CancellationToken ct) =>
            ActAsync(s, s.Acts.CloseFindingAsync(s.Caller, id, findingId, body, ct), ct))
            .WithName("CloseFinding").WithSummary("关闭问题 once it is put right");
        exercises.MapPost("{id:guid}/findings/{findingId:guid}/plan-revision", (Guid id, Guid findingId, [AsParameters] ExerciseServices s, CancellationToken ct) =>
            ActAsync(s, s.Acts.RequestPlanRevisionAsync(s.Caller, id, findingId, ct), ct))
            .WithName("RequestPlanRevision").WithSummary("提请修订预案: the jurisdictions service opens the owner's plan-revision draft citing the finding");
        exercises.MapGet("{id:guid}/report", ReportAsync)
            .Produces<AfterActionReport>().Produces(StatusCodes.Status200OK, contentType: "text/html")
            .WithName("ExerciseReport").WithSummary("演练总结报告: JSON, or a printable Chinese page with ?format=html or Accept: text/html");
        return exercises;
    }

    private static async Task<Results<Created<ExerciseView>, ValidationProblem, ProblemHttpResult, NotFound>> PlanAsync(
        PlanRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http,
        [AsParameters] ExerciseServices s, CancellationToken ct)
    {
        var outcome = await s.Planning.PlanAsync(s.Caller, request, idempotencyKey, ct);
        if (outcome.Record is not { } record)
        {
            return ActResults.Refused<Created<ExerciseView>>(outcome.Refusal, outcome.Errors);
        }
        if (outcome.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }
        return TypedResults.Created($"/api/exercises/{record.Exercise.Id}", await ViewAsync(s, record, ct));
    }

    private static async Task<Results<Ok<ExerciseListItem[]>, ValidationProblem>> ListAsync(
        string? state, int? limit, [AsParameters] ExerciseServices s, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        ExerciseState? wanted = null;
        if (state is not null)
        {
            if (EnumLabel.TryParse<ExerciseState>(state, out var parsed))
            {
                wanted = parsed;
            }
            else
            {
                errors.Add(new FieldError("state", "unknown", "演练状态须为 planned、running、completed 或 evaluated",
                    "The state must be planned, running, completed or evaluated"));
            }
        }
        if (limit is < 1 or > MaxLimit)
        {
            errors.Add(new FieldError("limit", "out_of_range", $"limit 须在 1–{MaxLimit} 之间", $"limit must be between 1 and {MaxLimit}"));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        if (!s.Caller.HasTenant)
        {
            return TypedResults.Ok(Array.Empty<ExerciseListItem>());
        }
        var listed = await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Store.ListAsync(session, wanted, limit ?? DefaultLimit), ct);
        var nameOf = await NamesAsync(s, ct);
        return TypedResults.Ok(listed.Select(x => ExerciseViews.ListItem(x, nameOf)).ToArray());
    }

    private static async Task<Results<Ok<ExerciseView>, NotFound>> GetAsync(Guid id, [AsParameters] ExerciseServices s, CancellationToken ct) =>
        await s.Runner.ReadAsync(s.Caller, id, ct) is { } record ? TypedResults.Ok(await ViewAsync(s, record, ct)) : TypedResults.NotFound();

    private static async Task<Results<Ok<AfterActionReport>, ContentHttpResult, NotFound>> ReportAsync(
        Guid id, string? format, HttpContext http, [AsParameters] ExerciseServices s, CancellationToken ct)
    {
        if (await s.Runner.ReadAsync(s.Caller, id, ct) is not { } record)
        {
            return TypedResults.NotFound();
        }
        var report = AfterActionReport.Of(record, await NamesAsync(s, ct));
        var wantsHtml = format == "html" || (format is null && http.Request.GetTypedHeaders().Accept
            .Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)));
        return wantsHtml ? TypedResults.Text(ReportPage.Write(report), ReportPage.MediaType) : TypedResults.Ok(report);
    }

    private static async Task<Results<Ok<ComplianceReport>, ValidationProblem>> ComplianceAsync(
        int? year, [AsParameters] ExerciseServices s, CancellationToken ct)
    {
        var today = s.Time.GetUtcNow().ShanghaiDate();
        var wanted = year ?? today.Year;
        if (wanted is < 2000 or > 2100)
        {
            return Problems.Validation(new FieldError("year", "out_of_range", "year 须在 2000–2100 之间", "year must be between 2000 and 2100"));
        }
        if (!s.Caller.HasTenant)
        {
            return TypedResults.Ok(new ComplianceReport(wanted, []));
        }
        var subtree = (await s.Directory.ListAsync(ct)).Where(t => t.IsActive && s.Caller.Oversees(t.Path)).OrderBy(t => t.Path, StringComparer.Ordinal).ToList();
        // A past year is judged by the plan in force at its end; the current year by today's.
        var on = wanted < today.Year ? Obligation.YearEnd(wanted) : today;
        var views = await s.Database.InTransactionAsync(s.Caller.Scope, async session =>
        {
            var completed = await s.Compliance.CompletedAsync(session, wanted);
            var lines = new List<ComplianceView>();
            foreach (var tenant in subtree)
            {
                var plan = await s.Plans.InForceAsync(session, tenant.Code, on);
                var obligation = Obligation.Of(plan?.Rules.Exercises, plan is not null, completed.GetValueOrDefault(tenant.Code), wanted, today);
                lines.Add(new ComplianceView(tenant.Code, tenant.Name, obligation.Requirement, obligation.Required, obligation.Completed, obligation.Status));
            }
            return lines;
        }, ct);
        return TypedResults.Ok(new ComplianceReport(wanted, views));
    }

    private static async Task<Results<Ok<ExerciseView>, ValidationProblem, ProblemHttpResult, NotFound>> ActAsync(
        ExerciseServices s, Task<ActOutcome> act, CancellationToken ct)
    {
        var outcome = await act;
        return outcome.Record is { } record
            ? TypedResults.Ok(await ViewAsync(s, record, ct))
            : ActResults.Refused<Ok<ExerciseView>>(outcome.Refusal, outcome.Errors);
    }

    private static async Task<ExerciseView> ViewAsync(ExerciseServices s, ExerciseRecord record, CancellationToken ct) =>
        ExerciseViews.Of(record, await NamesAsync(s, ct), s.Caller);

    private static async Task<Func<string, string>> NamesAsync(ExerciseServices s, CancellationToken ct)
    {
        var names = (await s.Directory.ListAsync(ct)).ToDictionary(t => t.Code, t => t.Name);
        return code => names.GetValueOrDefault(code, code);
    }
}
