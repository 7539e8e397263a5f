using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Plans;
using Fenghuo.Exercises.Data;
using Fenghuo.Exercises.Domain;
using Fenghuo.ServiceDefaults.Http;
using Npgsql;

namespace Fenghuo.Exercises.Acts;

/// <summary>
/// 计划演练: records an exercise of the caller's jurisdiction with its participants and injects and
/// announces it. The same idempotency key twice makes one exercise.
/// </summary>
public sealed class ExercisePlanning(
    TenantDatabase database, ExerciseStore store, PlanRulesReplica plans, TenantDirectory directory, Outbox outbox, AuditTrail audit, TimeProvider time)
{
    public const int IdempotencyKeyLength = 200;

    public async Task<ActOutcome> PlanAsync(TenantContext caller, PlanRequest request, string? idempotencyKey, CancellationToken ct)
    {
        if (caller.Tenant is not { } organiser)
        {
            return ActOutcome.Refused(new Refusal(StatusCodes.Status403Forbidden, "no_tenant", "账号未绑定辖区，不能组织演练", "The account belongs to no jurisdiction"));
        }
        if (!ActRoles.Organise.Any(caller.IsInRole))
        {
            return ActOutcome.Refused(Refusal.RoleNotAllowed(ActRoles.Organise, "组织演练", "organise an exercise"));
        }
        if (idempotencyKey is { Length: 0 or > IdempotencyKeyLength })
        {
            return ActOutcome.Invalid(new FieldError("Idempotency-Key", "invalid", $"Idempotency-Key 须为 1–{IdempotencyKeyLength} 个字符",
                $"The Idempotency-Key header must be 1–{IdempotencyKeyLength} characters"));
        }
        var tenants = await directory.ListAsync(ct);
        var hash = RequestHash(request);
        try
        {
            return await database.InTransactionAsync(caller.Scope, async session =>
            {
                var outcome = await RecordAsync(session, caller, organiser, tenants, request, idempotencyKey, hash);
                if (!outcome.Replayed)
                {
                    await audit.AppendAsync(session, ActRunner.Audited(caller, "exercise.plan", outcome.Record?.Exercise.Id ?? Guid.Empty,
                        time.GetUtcNow(), outcome.Record is null ? outcome : null));
                }
                return outcome;
            }, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "exercise_idempotency")
        {
            // A concurrent request with the same key won the race; answer as its replay.
            return await database.InTransactionAsync(caller.Scope, session => ReplayAsync(session, idempotencyKey!, hash), ct);
        }
    }

    private async Task<ActOutcome> RecordAsync(DbSession session, TenantContext caller, TenantEntry organiser, IReadOnlyList<TenantEntry> tenants,
        PlanRequest request, string? idempotencyKey, string hash)
    {
        if (idempotencyKey is not null && await ReplayAsync(session, idempotencyKey, hash) is { IsMissing: false } replay)
        {
            return replay;
        }
        var now = time.GetUtcNow();
        var participants = PlanningRules.ParticipantsOf(request, organiser, tenants);
        var rules = new Dictionary<string, PlanRules?>();
        foreach (var participant in participants)
        {
            rules[participant.Code] = (await plans.InForceAsync(session, participant.Code, now.ShanghaiDate()))?.Rules;
        }
        var errors = PlanningRules.Check(request, organiser, tenants, code => rules.GetValueOrDefault(code));
        if (errors.Count > 0)
        {
            return ActOutcome.Invalid(errors);
        }
        EnumLabel.TryParse<ExerciseKind>(request.Kind, out var kind);
        var exercise = new Exercise
        {
            Id = Guid.CreateVersion7(),
            TenantCode = organiser.Code,
            TenantPath = organiser.Path,
            Title = request.Title!.Trim(),
            Kind = kind,
            Scenario = request.Scenario!.Trim(),
            Objectives = request.Objectives?.Select(o => o.Trim()).ToArray() ?? [],
            ScheduledStart = request.ScheduledStart!.Value.ToUniversalTime(),
            ScheduledEnd = request.ScheduledEnd!.Value.ToUniversalTime(),
            Participants = participants.Select(p => p.Code).ToArray(),
            State = ExerciseState.Planned,
            PlannedAt = now,
            PlannedBy = caller.Actor,
            RequestHash = hash,
        };
        await store.InsertAsync(session, exercise, idempotencyKey);
        await store.AddParticipantsAsync(session, exercise.Id, participants.Select(p => (p.Code, p.Path, p.Name)));
        await store.AddInjectsAsync(session, (request.Injects ?? []).Select((inject, i) => new Inject
        {
            Id = Guid.CreateVersion7(),
            ExerciseId = exercise.Id,
            Position = i,
            OffsetMinutes = inject.OffsetMinutes!.Value,
            Target = inject.Target!,
            Title = inject.Title!.Trim(),
            Content = inject.Content!.Trim(),
            ExpectedAction = inject.ExpectedAction!.Trim(),
            DrillIncidentJson = inject.DrillIncident is { } drill
                ? new DrillSpec(drill.Category!, drill.Subcategory, EnumLabel.TryParse<Grade>(drill.Grade, out var grade) ? grade : Grade.General,
                    drill.Description!.Trim()).ToJson()
                : null,
        }));
        await store.AddHistoryAsync(session, new HistoryRow
        {
            ExerciseId = exercise.Id, At = now, Act = "planned", Actor = caller.Actor, ActorTenant = organiser.Code,
            Summary = $"{organiser.Name}计划{EnumLabel.Chinese(kind)}「{exercise.Title}」，参演单位：{string.Join("、", participants.Select(p => p.Name))}",
        });
        await outbox.EnqueueAsync(session, new ExercisePlanned(kind, exercise.ScheduledStart, exercise.ScheduledEnd,
            participants.Select(p => new ExerciseParticipant(p.Code, p.Path)).ToList())
        {
            OccurredAt = now, TenantCode = organiser.Code, TenantPath = organiser.Path, ExerciseId = exercise.Id, Title = exercise.Title,
        });
        return ActOutcome.Done((await store.LoadAsync(session, exercise.Id))!);
    }

    private async Task<ActOutcome> ReplayAsync(DbSession session, string idempotencyKey, string hash)
    {
        var earlier = await store.FindByIdempotencyKeyAsync(session, idempotencyKey);
        if (earlier is null)
        {
            return ActOutcome.Missing;
        }
        return earlier.RequestHash == hash
            ? ActOutcome.Done((await store.LoadAsync(session, earlier.Id))!, replayed: true)
            : ActOutcome.Refused(Refusal.Conflict("idempotency_key_reused", "该 Idempotency-Key 已用于另一份演练计划", "This Idempotency-Key was used for a different exercise"));
    }

    private static string RequestHash(PlanRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, FenghuoJson.Options))));
}
