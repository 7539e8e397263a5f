using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Exercises.Data;
using Fenghuo.Exercises.Domain;

namespace Fenghuo.Exercises.Obligations;

/// <summary>
/// From the configured lead (60 days) before the year's end, warns each tenant whose plan names a
/// yearly minimum it has not met: ExerciseObligationDue, once per tenant and year, each tenant
/// counted and warned in its own scope.
/// </summary>
public sealed class ObligationScheduler(
    TenantDatabase database,
    TenantDirectory directory,
    PlanRulesReplica plans,
    ComplianceStore compliance,
    Outbox outbox,
    TimeProvider time,
    ExercisesOptions options,
    ILogger<ObligationScheduler> logger) : ScheduledScan(time, TimeSpan.FromMilliseconds(options.ObligationScanMilliseconds), logger)
{
    /// <summary>One look at the calendar; returns how many tenants it warned.</summary>
    public override async Task<int> ScanAsync(CancellationToken ct)
    {
        var now = Time.GetUtcNow();
        var today = now.ShanghaiDate();
        var yearEnd = Obligation.YearEnd(today.Year);
        if (today < yearEnd.AddDays(-options.ObligationLeadDays))
        {
            return 0;
        }
        var warned = 0;
        foreach (var tenant in (await directory.ListAsync(ct)).Where(t => t.IsActive))
        {
            var sent = await database.InTransactionAsync(new TenantScope(tenant.Code, tenant.Path), async session =>
            {
                var plan = await plans.InForceAsync(session, tenant.Code, today);
                if (plan?.Rules.Exercises.MinimumPerYear is not { } required)
                {
                    return false;
                }
                var completed = (await compliance.CompletedAsync(session, today.Year)).GetValueOrDefault(tenant.Code);
                if (completed >= required || !await compliance.NoteWarnedAsync(session, tenant.Code, today.Year, now))
                {
                    return false;
                }
                await outbox.EnqueueAsync(session, new ExerciseObligationDue(today.Year, required, completed, yearEnd)
                {
                    OccurredAt = now, TenantCode = tenant.Code, TenantPath = tenant.Path,
                });
                Logger.LogInformation("{Tenant} has {Completed} of {Required} drills for {Year}", tenant.Code, completed, required, today.Year);
                return true;
            }, ct);
            warned += sent ? 1 : 0;
        }
        return warned;
    }
}
