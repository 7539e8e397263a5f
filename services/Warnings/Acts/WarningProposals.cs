using Fenghuo.BuildingBlocks.Tenancy;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Warnings.Data;
using Fenghuo.Warnings.Domain;
using Fenghuo.Contracts;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.ServiceDefaults.Http;
using Fenghuo.BuildingBlocks.Plans;
using Npgsql;

namespace Fenghuo.Warnings.Acts;

/// <summary>
/// 提出预警: records a proposal under the caller's plan in force today and numbers it. Nothing
/// reaches anyone until the plan's approver issues it. The same idempotency key twice makes one warning.
/// </summary>
public sealed class WarningProposals(TenantDatabase database, WarningStore store, PlanRulesReplica plans, AuditTrail audit, TimeProvider time)
{
    public const int IdempotencyKeyLength = 200;

    public async Task<ActOutcome> ProposeAsync(WarningCaller? caller, WarningProposal proposal, string? idempotencyKey, CancellationToken ct)
    {
        if (caller is null)
        {
            return ActOutcome.Refused(new Refusal(StatusCodes.Status403Forbidden, "no_tenant", "账号未绑定辖区，不能提出预警", "The account belongs to no jurisdiction"));
        }
        if (!caller.HasAny(ActRoles.Propose))
        {
            return ActOutcome.Refused(Refusal.RoleNotAllowed(ActRoles.Propose, "提出预警", "propose a warning"));
        }
        if (idempotencyKey is { Length: 0 or > IdempotencyKeyLength })
        {
            return ActOutcome.Invalid(new FieldError("Idempotency-Key", "invalid", $"Idempotency-Key 须为 1–{IdempotencyKeyLength} 个字符",
                $"The Idempotency-Key header must be 1–{IdempotencyKeyLength} characters"));
        }
        var hash = RequestHash(proposal);
        try
        {
            return await database.InTransactionAsync(caller.Scope, async session =>
            {
                var outcome = await RecordAsync(session, caller, proposal, idempotencyKey, hash);
                if (!outcome.Replayed)
                {
                    await audit.AppendAsync(session, ActRunner.Audited(caller, "warning.propose", outcome.Record?.Warning.Number ?? "-",
                        time.GetUtcNow(), outcome.Record is null ? outcome : null));
                }
                return outcome;
            }, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "warning_idempotency")
        {
            // A concurrent request with the same key won the race; answer as its replay.
            return await database.InTransactionAsync(caller.Scope, session => ReplayAsync(session, idempotencyKey!, hash), ct);
        }
    }

    private async Task<ActOutcome> RecordAsync(DbSession session, WarningCaller caller, WarningProposal proposal, string? idempotencyKey, string hash)
    {
        if (idempotencyKey is not null && await ReplayAsync(session, idempotencyKey, hash) is { IsMissing: false } replay)
        {
            return replay;
        }
        var now = time.GetUtcNow();
        var plan = await plans.InForceAsync(session, caller.TenantCode, now.ShanghaiDate());
        if (plan is null)
        {
            return ActOutcome.Refused(new Refusal(StatusCodes.Status409Conflict, "no_plan",
                "本辖区尚无生效的应急预案，不能提出预警", "The jurisdiction has no plan in force, so it has no warning levels"));
        }
        if (ProposalRules.Check(proposal, plan.Rules, now) is { Count: > 0 } errors)
        {
            return ActOutcome.Invalid(errors);
        }
        var warning = new Warning
        {
            Id = Guid.CreateVersion7(),
            TenantCode = caller.TenantCode,
            TenantPath = caller.TenantPath,
            Number = await store.NextNumberAsync(session, caller.TenantCode, WarningNumber.Prefix(caller.TenantName), now.ShanghaiDate().Year),
            PlanVersion = plan.Version,
            PlanTermsJson = PlanTerms.Of(plan.Version, plan.Rules).ToJson(),
            State = EnumLabel.Of(WarningState.Proposed),
            Level = proposal.Level!,
            Title = proposal.Title!.Trim(),
            Situation = proposal.Situation!.Trim(),
            Category = proposal.Category!,
            AffectedScope = proposal.AffectedScope!.Trim(),
            Measures = proposal.Measures?.Select(m => m.Trim()).ToArray() ?? [],
            StartsAt = (proposal.StartsAt ?? now).UtcDateTime,
            ExpiresAt = proposal.ExpiresAt!.Value.UtcDateTime,
            Publicity = proposal.Publicity!,
            Exercise = proposal.Exercise ?? false,
            ReportedTo = caller.ParentCode,
            ProposedAt = now.UtcDateTime,
            ProposedBy = caller.Actor,
            RequestHash = hash,
        };
        await store.InsertAsync(session, warning, idempotencyKey);
        var level = plan.Rules.WarningScheme.Find(warning.Level)!;
        await store.AddHistoryAsync(session, new HistoryRow
        {
            WarningId = warning.Id, At = now.UtcDateTime, Act = "proposed", Actor = caller.Actor, ActorTenant = caller.TenantCode,
            Level = level.Code, Summary = $"提出{level.Name}建议：{warning.Title}",
        });
        return ActOutcome.Done((await store.LoadAsync(session, warning.Id))!);
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
            : ActOutcome.Refused(new Refusal(StatusCodes.Status409Conflict, "idempotency_key_reused",
                "该 Idempotency-Key 已用于另一份预警建议", "This Idempotency-Key was used for a different proposal"));
    }

    private static string RequestHash(WarningProposal proposal) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(proposal, FenghuoJson.Options))));
}
