using Fenghuo.Contracts;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Http;
using Fenghuo.Summaries.Domain;
using Fenghuo.Summaries.Exports;
using Fenghuo.Summaries.Projection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fenghuo.Summaries.Apis;

public static class SummariesApi
{
    /// <summary>Who reads summaries of their subtree; a platform admin reads no tenant's figures.</summary>
    public static readonly IReadOnlySet<string> Readers = new HashSet<string> { Roles.Analyst, Roles.DutyOfficer, Roles.OfficeDirector, Roles.Commander };

    public static RouteGroupBuilder MapSummariesApi(this IEndpointRouteBuilder app)
    {
        app.MapTenantDirectoryApi("summaries");

        var summaries = app.MapGroup("api/summaries").WithTags("Summaries 汇总");
        summaries.MapGet("overview", OverviewAsync)
            .WithName("SummaryOverview").WithSummary("The caller's subtree (or root, a node of it) as a tree: each jurisdiction's own figures and its subtree's totals for the period");
        summaries.MapGet("export", ExportAsync)
            .WithName("ExportSummary").WithSummary("The overview as a download: XLSX with one sheet per section, or CSV (UTF-8 with BOM)");
        summaries.MapGet("incidents", LedgerAsync)
            .WithName("ExportIncidentLedger").WithSummary("事件台账: one row per real incident reported in the period, XLSX or CSV (UTF-8 with BOM)");
        summaries.MapPost("rebuild", RebuildAsync)
            .WithName("RebuildSummaries").WithSummary("Platform admin: replay every logged event into fresh read tables and swap them in; reads go on meanwhile");
        return summaries;
    }

    private static async Task<Results<Ok<OverviewView>, ValidationProblem, ProblemHttpResult, NotFound>> OverviewAsync(
        string? from, string? to, string? root, [AsParameters] SummaryServices s, CancellationToken ct)
    {
        var (query, errors, refusal) = Check(s, from, to, root, format: null);
        if (refusal is not null)
        {
            return refusal;
        }
        if (query is null)
        {
            return Problems.Validation(errors);
        }
        var overview = await ReadOverviewAsync(s, query, ct);
        return overview is null ? TypedResults.NotFound() : TypedResults.Ok(overview);
    }

    private static async Task<Results<FileStreamHttpResult, PushStreamHttpResult, ValidationProblem, ProblemHttpResult, NotFound>> ExportAsync(
        string? format, string? from, string? to, string? root, [AsParameters] SummaryServices s, CancellationToken ct)
    {
        var (query, errors, refusal) = Check(s, from, to, root, format);
        if (refusal is not null)
        {
            return refusal;
        }
        if (query is null)
        {
            return Problems.Validation(errors);
        }
        if (await ReadOverviewAsync(s, query, ct) is not { } overview)
        {
            return TypedResults.NotFound();
        }
        var sheets = s.OverviewExport.Sheets(overview);
        var name = $"汇总_{overview.Root.Name}_{overview.To.AddTicks(-1).ShanghaiDateText()}";
        if (query.Format == ExportFormat.Xlsx)
        {
            return TypedResults.File(await XlsxWriter.WriteAsync(sheets, ct), XlsxWriter.ContentType, $"{name}.xlsx");
        }
        return TypedResults.Stream(async body =>
        {
            await using var csv = new CsvWriter(body);
            for (var i = 0; i < sheets.Count; i++)
            {
                if (i > 0)
                {
                    await csv.WriteBlankLineAsync();
                }
                await csv.WriteAsync(sheets[i], titled: true);
            }
        }, CsvContentType, $"{name}.csv");
    }

    private static async Task<Results<FileStreamHttpResult, PushStreamHttpResult, ValidationProblem, ProblemHttpResult, NotFound>> LedgerAsync(
        string? format, string? from, string? to, string? root, [AsParameters] SummaryServices s, CancellationToken ct)
    {
        var (query, errors, refusal) = Check(s, from, to, root, format);
        if (refusal is not null)
        {
            return refusal;
        }
        if (query is null)
        {
            return Problems.Validation(errors);
        }
        var rootPath = await RootPathAsync(s, query, ct);
        if (rootPath is null)
        {
            return TypedResults.NotFound();
        }
        var name = $"事件台账_{query.Period.To.AddTicks(-1).ShanghaiDateText()}";
        if (query.Format == ExportFormat.Xlsx)
        {
            var file = await s.Database.InTransactionAsync(s.Caller.Scope, session => XlsxWriter.WriteAsync(
                new StreamedSheet(LedgerExport.Name, LedgerExport.Headers,
                    LedgerExport.Rows(s.Ledger.StreamAsync(session, rootPath, query.Period.From, query.Period.To))), ct), ct);
            return TypedResults.File(file, XlsxWriter.ContentType, $"{name}.xlsx");
        }
        return TypedResults.Stream(body => s.Database.InTransactionAsync(s.Caller.Scope, async session =>
        {
            await using var csv = new CsvWriter(body);
            await csv.WriteAsync(LedgerExport.Headers, LedgerExport.Rows(s.Ledger.StreamAsync(session, rootPath, query.Period.From, query.Period.To)), ct);
        }, ct), CsvContentType, $"{name}.csv");
    }

    private static async Task<Results<Ok<RebuildOutcome>, ProblemHttpResult>> RebuildAsync([AsParameters] SummaryServices s, CancellationToken ct)
    {
        if (!s.Caller.IsPlatformAdmin)
        {
            return Problems.Forbidden("role_not_allowed", "仅平台管理员可重建汇总", "Only a platform admin may rebuild the summaries");
        }
        var outcome = await s.Rebuild.RunAsync(ct);
        return outcome.Ran
            ? TypedResults.Ok(outcome)
            : Problems.Conflict("rebuild_running", "汇总正在重建，请稍后再试", "A rebuild is already running");
    }

    private const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>Who may read, then the fields; a refusal comes before any field is looked at.</summary>
    private static (SummaryQuery? Query, List<FieldError> Errors, ProblemHttpResult? Refusal) Check(
        SummaryServices s, string? from, string? to, string? root, string? format)
    {
        if (s.Caller.IsPlatformAdmin || !s.Caller.HasTenant || !s.Caller.Roles.Overlaps(Readers))
        {
            return (null, [], Problems.Forbidden("role_not_allowed",
                $"仅{string.Join("、", Readers.Select(RoleNames.Chinese))}可查看本辖区汇总",
                "Only analysts, duty officers, office directors and commanders read their subtree's summaries"));
        }
        var (query, errors) = SummaryQuery.Parse(from, to, root, format, s.Time.GetUtcNow());
        return (query, errors, null);
    }

    private static async Task<string?> RootPathAsync(SummaryServices s, SummaryQuery query, CancellationToken ct)
    {
        var code = query.Root ?? s.Caller.TenantCode!;
        var path = await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Overviews.PathOfAsync(session, code), ct);
        // Row-level security already hides other tenants; the caller's own row may sit elsewhere while it moves.
        return path is not null && s.Caller.Oversees(path) ? path : null;
    }

    private static async Task<OverviewView?> ReadOverviewAsync(SummaryServices s, SummaryQuery query, CancellationToken ct)
    {
        var code = query.Root ?? s.Caller.TenantCode!;
        if (await RootPathAsync(s, query, ct) is not { } rootPath)
        {
            return null;
        }
        var now = s.Time.GetUtcNow();
        var year = query.Period.To.AddTicks(-1).ShanghaiDate().Year;
        var cover = TallyCover.Of(query.Period);
        var rows = await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Overviews.ReadAsync(session, rootPath,
            query.Period, cover, now, Period.StartOf(new DateOnly(year, 1, 1)), Period.StartOf(new DateOnly(year + 1, 1, 1)), s.Options.WorstOffenders), ct);
        return rows.Tenants.Any(t => t.Code == code) ? Overview.Build(rows, code, query.Period, cover, now) : null;
    }
}
