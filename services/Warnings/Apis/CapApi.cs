using Fenghuo.Warnings.Data;
using Fenghuo.Warnings.Domain;
using Fenghuo.Warnings.Domain.Cap;
using Fenghuo.Contracts;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fenghuo.Warnings.Apis;

/// <summary>Warnings as OASIS CAP 1.2: one warning's latest message, and an Atom feed of those the caller may see.</summary>
public static class CapApi
{
    public static RouteGroupBuilder MapCapApi(this RouteGroupBuilder warnings)
    {
        warnings.MapGet("cap", FeedAsync)
            .Produces(StatusCodes.Status200OK, contentType: CapFeed.MediaType)
            .WithName("WarningCapFeed").WithSummary("Atom feed of the CAP 1.2 alerts of every issued warning the caller may see, newest first");
        warnings.MapGet("{id:guid}/cap", DocumentAsync)
            .Produces(StatusCodes.Status200OK, contentType: CapDocument.MediaType)
            .WithName("GetWarningCap").WithSummary("The warning's latest CAP 1.2 message: Alert, Update after an adjustment, Cancel once lifted");
        return warnings;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, NotFound>> DocumentAsync(Guid id, [AsParameters] WarningServices s, CancellationToken ct)
    {
        if (s.Caller is not { } caller)
        {
            return TypedResults.NotFound();
        }
        var found = await s.Database.InTransactionAsync<(WarningRecord? Record, List<HistoryRow> Published)>(caller.Scope, async session =>
        {
            var record = await s.Store.LoadAsync(session, id);
            return (record, record is null ? [] : (await s.Store.PublicationsAsync(session, [id]))[id].ToList());
        }, ct);
        if (found.Record is null)
        {
            return TypedResults.NotFound();
        }
        if (found.Published.Count == 0)
        {
            return Problems.Conflict("not_issued", "预警尚未发布，没有 CAP 消息", "The warning has not been issued, so it has no CAP message");
        }
        var alert = WarningCap.Latest(found.Record.Warning, await IssuerAsync(s, found.Record.Warning.TenantCode, ct), Publications(found.Published));
        return TypedResults.Text(CapDocument.Write(alert), CapDocument.MediaType);
    }

    private static async Task<Results<ContentHttpResult, NotFound>> FeedAsync(HttpContext http, [AsParameters] WarningServices s, CancellationToken ct)
    {
        var entries = new List<(CapAlert, string)>();
        if (s.Caller is { } caller)
        {
            var (listed, published) = await s.Database.InTransactionAsync(caller.Scope, async session =>
            {
                var rows = await s.Store.ListAsync(session, null, WarningsApi.MaxLimit);
                return (rows, await s.Store.PublicationsAsync(session, rows.Select(r => r.Warning.Id).ToList()));
            }, ct);
            foreach (var row in listed.Where(r => published[r.Warning.Id].Any()))
            {
                var alert = WarningCap.Latest(row.Warning, await IssuerAsync(s, row.Warning.TenantCode, ct), Publications(published[row.Warning.Id].ToList()));
                entries.Add((alert, $"/api/warnings/{row.Warning.Id}/cap"));
            }
        }
        entries.Sort((a, b) => b.Item1.Sent.CompareTo(a.Item1.Sent));
        var updated = entries.Count > 0 ? entries[0].Item1.Sent : s.Time.GetUtcNow();
        var feed = CapFeed.Build($"{http.Request.Scheme}://{http.Request.Host}/api/warnings/cap?tenant={s.Context.TenantCode}",
            "预警信息（CAP 1.2）", updated, entries);
        return TypedResults.Text(CapDocument.Write(feed), CapFeed.MediaType);
    }

    private static async Task<CapIssuer> IssuerAsync(WarningServices s, string code, CancellationToken ct)
    {
        var entry = code == s.Context.TenantCode ? s.Context.Tenant : await s.Directory.FindAsync(code, ct);
        return new CapIssuer(code, entry?.Name ?? code, entry?.DivisionCode);
    }

    private static IReadOnlyList<CapPublication> Publications(IReadOnlyList<HistoryRow> rows) =>
        rows.Select(r => new CapPublication(r.CapIdentifier!,
            EnumLabel.TryParse<CapMessageType>(r.CapMessageType, out var type) ? type : throw new InvalidOperationException($"Unknown CAP message type {r.CapMessageType}"),
            new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)))).ToList();
}
