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
/// One round trip to the database when the plan version last read in force for the tenant is kept and the report
/// passes it, two otherwise (<see cref="IntakeStore"/>); the answer is built from what was written rather than read back.
/// </summary>
public sealed class IncidentIntake(TenantDatabase database, IncidentStore store, IntakeStore intake, PlanRulesCache plans, TimeProvider time)
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
        // The hash tells a retry from a different report under the same key: without a key there is nothing to tell apart.
        var hash = idempotencyKey is null ? null : RequestHash(form);
        try
        {
            return await RecordAsync(caller, tenant, form, idempotencyKey, hash, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "incident_idempotency")
        {
            // A concurrent request with the same key won the race; answer as its replay.
            return await database.InTransactionAsync(caller.Scope, async session =>
                await store.FindByIdempotencyKeyAsync(session, idempotencyKey!) is { } existing
                    ? await ReplayAsync(session, existing.Id, existing.RequestHash, hash!)
                    : ActOutcome.Missing, ct);
        }
    }

    private async Task<ActOutcome> RecordAsync(TenantContext caller, TenantEntry tenant, ReportForm form, string? idempotencyKey, string? hash, CancellationToken ct)
    {
        // Microseconds, as PostgreSQL keeps times: the answer shows exactly what a later read would.
        var now = Microseconds(time.GetUtcNow());
        var today = now.ShanghaiDate();
        // The version last read in force spares the round trip that reads it: the report's batch checks that it still is.
        // A report it does not pass, or whose batch finds another version in force, is checked again against the one read
        // afresh; so is a report sent again under its Idempotency-Key, once its insert meets the first one's (ReportAsync).
        if (plans.LastInForce(tenant.Code) is { } kept && ReportFormRules.Check(form, kept.Rules, now).Count == 0)
        {
            try
            {
                return await WriteAsync(caller, tenant, form, idempotencyKey, hash, kept, now, checkedOn: today, ct);
            }
            catch (PostgresException e) when (e.SqlState == IntakeStore.PlanNotInForce)
            {
            }
        }
        var (earlier, plan) = await intake.ReadBasisAsync(caller.Scope, tenant.Code, idempotencyKey, today, ct);
        if (earlier is not null)
        {
            return await database.InTransactionAsync(caller.Scope, session => ReplayAsync(session, earlier.Id, earlier.RequestHash, hash!), ct);
        }
        if (plan is null)
        {
            return ActOutcome.Refused(Refusal.Conflict("no_plan_in_force", "本辖区尚无生效的应急预案，不能报告事件", "This jurisdiction has no plan in force yet"));
        }
        var errors = ReportFormRules.Check(form, plan.Rules, now);
        if (errors.Count > 0)
        {
            return ActOutcome.Invalid(errors);
        }
        return await WriteAsync(caller, tenant, form, idempotencyKey, hash, plan, now, checkedOn: null, ct);
    }

    /// <param name="checkedOn">When <paramref name="plan"/> was not read in this report's round trips: the day it must be in force on.</param>
    private async Task<ActOutcome> WriteAsync(
        TenantContext caller, TenantEntry tenant, ReportForm form, string? idempotencyKey, string? hash, PlanRulesVersion plan, DateTimeOffset now,
        DateOnly? checkedOn, CancellationToken ct)
    {
        var today = now.ShanghaiDate();
        var grade = ReportFormRules.GradeOf(form.Grade)!.Value;
        var occurredAt = Microseconds(form.OccurredAt!.Value.ToUniversalTime());
        var id = Guid.CreateVersion7();
        var actor = caller.Actor;
        var incident = new Incident
        {
            Id = id, TenantCode = tenant.Code, TenantPath = tenant.Path, PlanVersion = plan.Version, State = IncidentState.Reported,
            Grade = grade, RecommendedLevel = plan.Rules.RecommendedResponseLevel(grade, capacityExceeded: false)?.Code,
            CommandTenant = tenant.Code, Category = form.Category!, Subcategory = form.Subcategory, OccurredAt = occurredAt, ReportedAt = now,
            ReportedBy = actor, ReportingUnit = form.ReportingUnit!.Trim(), OccurringUnit = form.OccurringUnit!.Trim(),
            Reporter = form.Reporter!.Trim(), Reviewer = form.Reviewer?.Trim(), Harms = form.Harms?.Select(h => h.Trim()).ToArray() ?? [],
            Description = form.Description!, MeasuresTaken = form.MeasuresTaken, ConsequenceEstimate = form.ConsequenceEstimate,
            Suggestions = form.Suggestions, Location = form.Location, Source = form.Source, AffectedScope = form.AffectedScope,
            EstimatedLoss = form.EstimatedLoss, Trend = form.Trend, RequestHash = hash,
        };
        var reportUpward = Clocks.ReportUpward(plan.Rules, grade, tenant.Code, tenant.ParentCode is not null, occurredAt, now);
        var clockId = Guid.CreateVersion7();
        var category = plan.Rules.Taxonomy.Categories.First(c => c.Code == form.Category);
        var reported = new TimelineEntry(id, now, "reported", actor, tenant.Code,
            $"{tenant.Name}报告{EnumLabel.Chinese(grade)}{category.Name}（{incident.OccurringUnit}）", new { planVersion = plan.Version });
        var announced = new IncidentReported(plan.Version, grade, form.Category!, form.Subcategory, occurredAt, actor)
        {
            OccurredAt = now, TenantCode = tenant.Code, TenantPath = tenant.Path, IncidentId = id, ReportUpwardDueAt = reportUpward?.DueAt,
        };

        var number = await intake.RecordAsync(caller.Scope, NewIncident.Of(incident, idempotencyKey), IncidentNumber.Prefix(tenant.Name), today.Year,
            reportUpward, clockId, reported, announced, checkedOn, ct);
        return ActOutcome.Done(new IncidentRecord(
            incident with { Number = number },
            reportUpward is { } clock
                ? [new DeadlineRow
                {
                    Id = clockId, IncidentId = id, TenantCode = tenant.Code, IncidentNumber = number, Kind = clock.Kind, OwedBy = clock.OwedBy,
                    DueAt = clock.DueAt, Status = DeadlineStatus.Due, Source = clock.Source,
                }]
                : [],
            new TimelinePage([new TimelineRow { Seq = 1, IncidentId = id, At = now, Act = reported.Act, Actor = actor, ActorTenant = tenant.Code, Summary = reported.Summary }], 1, null),
            [], []));
    }

    private async Task<ActOutcome> ReplayAsync(DbSession session, Guid earlier, string? earlierHash, string hash) =>
        earlierHash == hash
            ? ActOutcome.Done((await store.LoadAsync(session, earlier))!, replayed: true)
            : ActOutcome.Refused(Refusal.Conflict("idempotency_key_reused", "该 Idempotency-Key 已用于另一份不同的报告", "This Idempotency-Key was already used for a different report"));

    private static DateTimeOffset Microseconds(DateTimeOffset moment) => moment.AddTicks(-(moment.Ticks % 10));

    private static string RequestHash(ReportForm form) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(form, FenghuoJson.Options))));
}
