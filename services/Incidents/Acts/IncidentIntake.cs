using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;
using Fenghuo.ServiceDefaults.Http;
using Npgsql;

namespace Fenghuo.Incidents.Acts;

/// <summary>
/// 上报: records the form under the plan version in force today, numbers it, starts the
/// upward-report clock and announces it. The same idempotency key twice makes one incident.
/// </summary>
public sealed class IncidentIntake(TenantDatabase database, IncidentStore store, PlanRulesReplica plans, Outbox outbox, TimeProvider time)
{
    public const int IdempotencyKeyLength = 200;

    public async Task<ActOutcome> ReportAsync(TenantContext caller, ReportForm form, string? idempotencyKey, CancellationToken ct)
    {
        if (caller.Tenant is not { } tenant)
        {
            return ActOutcome.Refused(new Refusal(StatusCodes.Status403Forbidden, "no_tenant", "账号未绑定辖区，不能报告事件", "The account belongs to no jurisdiction"));
        }
        if (!caller.HasAny(ActRoles.Report))
        {
            return ActOutcome.Refused(Refusal.RoleNotAllowed(ActRoles.Report, "报告事件", "report an incident"));
        }
        if (idempotencyKey is { Length: 0 or > IdempotencyKeyLength })
        {
            return ActOutcome.Invalid([new FieldError("Idempotency-Key", "invalid", $"Idempotency-Key 须为 1–{IdempotencyKeyLength} 个字符", $"The Idempotency-Key header must be 1–{IdempotencyKeyLength} characters")]);
        }
        var hash = RequestHash(form);
        try
        {
            return await database.InTransactionAsync(caller.Scope, session => RecordAsync(session, caller, tenant, form, idempotencyKey, hash, ct), ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "incident_idempotency")
        {
            // A concurrent request with the same key won the race; answer as its replay.
            return await database.InTransactionAsync(caller.Scope, session => ReplayAsync(session, idempotencyKey!, hash), ct);
        }
    }

    private async Task<ActOutcome> RecordAsync(DbSession session, TenantContext caller, TenantEntry tenant, ReportForm form, string? idempotencyKey, string hash, CancellationToken ct)
    {
        if (idempotencyKey is not null && await ReplayAsync(session, idempotencyKey, hash) is { IsMissing: false } replay)
        {
            return replay;
        }
        var now = time.GetUtcNow();
        var plan = await plans.InForceAsync(session, tenant.Code, now.ShanghaiDate());
        if (plan is null)
        {
            return ActOutcome.Refused(Refusal.Conflict("no_plan_in_force", "本辖区尚无生效的应急预案，不能报告事件", "This jurisdiction has no plan in force yet"));
        }
        var errors = ReportFormRules.Check(form, plan.Rules, now);
        if (errors.Count > 0)
        {
            return ActOutcome.Invalid(errors);
        }

        var grade = ReportFormRules.GradeOf(form.Grade)!.Value;
        var occurredAt = form.OccurredAt!.Value.ToUniversalTime();
        var id = Guid.CreateVersion7();
        var actor = caller.Actor;
        var number = await database.InTransactionAsync(caller.Scope,
            numbering => store.NextNumberAsync(numbering, tenant.Code, IncidentNumber.Prefix(tenant.Name), now.ShanghaiDate().Year), ct);
        await store.InsertAsync(session, new NewIncident(
            id, tenant.Code, tenant.Path, number, plan.Version,
            EnumLabel.Of(grade), plan.Rules.RecommendedResponseLevel(grade, capacityExceeded: false)?.Code, form.Category!, form.Subcategory, occurredAt, now, actor,
            form.ReportingUnit!.Trim(), form.OccurringUnit!.Trim(), form.Reporter!.Trim(), form.Reviewer?.Trim(),
            form.Harms?.Select(h => h.Trim()).ToArray() ?? [], form.Description!, form.MeasuresTaken, form.ConsequenceEstimate,
            form.Suggestions, form.Location, form.Source, form.AffectedScope, form.EstimatedLoss, form.Trend, idempotencyKey, hash));

        var reportUpward = Clocks.ReportUpward(plan.Rules, grade, tenant.Code, tenant.ParentCode is not null, occurredAt, now);
        if (reportUpward is { } clock)
        {
            await store.AddDeadlineAsync(session, id, tenant.Code, number, clock);
        }
        var category = plan.Rules.Taxonomy.Categories.First(c => c.Code == form.Category);
        await store.AddTimelineAsync(session, new TimelineEntry(id, now, "reported", actor, tenant.Code,
            $"{tenant.Name}报告{EnumLabel.Chinese(grade)}{category.Name}（{form.OccurringUnit!.Trim()}）", new { planVersion = plan.Version }));
        await outbox.EnqueueAsync(session, new IncidentReported(plan.Version, grade, form.Category!, form.Subcategory, occurredAt, actor)
        {
            OccurredAt = now, TenantCode = tenant.Code, TenantPath = tenant.Path, IncidentId = id, Number = number,
            ReportUpwardDueAt = reportUpward?.DueAt,
        });
        return ActOutcome.Done((await store.LoadAsync(session, id))!);
    }

    private async Task<ActOutcome> ReplayAsync(DbSession session, string idempotencyKey, string hash)
    {
        var existing = await store.FindByIdempotencyKeyAsync(session, idempotencyKey);
        if (existing is null)
        {
            return ActOutcome.Missing;
        }
        return existing.RequestHash == hash
            ? ActOutcome.Done((await store.LoadAsync(session, existing.Id))!, replayed: true)
            : ActOutcome.Refused(Refusal.Conflict("idempotency_key_reused", "该 Idempotency-Key 已用于另一份不同的报告", "This Idempotency-Key was already used for a different report"));
    }

    private static string RequestHash(ReportForm form) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(form, FenghuoJson.Options))));
}
