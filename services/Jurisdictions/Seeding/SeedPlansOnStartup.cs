using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Jurisdictions.Data;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.Jurisdictions.Messaging;

namespace Fenghuo.Jurisdictions.Seeding;

/// <summary>
/// Gives each seeded jurisdiction its plan (services/Jurisdictions/Plans/Seeds) as published
/// version 1, once: a tenant that already has any version is left alone, so edits survive restarts.
/// </summary>
internal sealed class SeedPlansOnStartup(
    TenantDatabase database, JurisdictionStore jurisdictions, PlanStore plans, PlanPublication publication,
    MigrationState migrations, TimeProvider time, ILogger<SeedPlansOnStartup> logger) : BackgroundService
{
    private const long SeedLock = 0x504C414E53; // "PLANS"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrations.WhenDone.WaitAsync(stoppingToken);
        foreach (var (code, document) in SeedPlans.All)
        {
            await database.InTransactionAsync(new TenantScope(code, string.Empty, PlatformAdmin: true), async session =>
            {
                await session.Connection.ExecuteAsync("select pg_advisory_xact_lock(@SeedLock)", new { SeedLock }, session.Transaction);
                var jurisdiction = await jurisdictions.FindAsync(session, code);
                if (jurisdiction is null || (await plans.ListAsync(session, code)).Count > 0)
                {
                    return;
                }
                await plans.InsertAsync(session, jurisdiction.Path, new StoredPlanVersion(
                    code, 1, PlanStatus.Draft, "seed", null, null, null, default, "seed", default, document));
                var effectiveFrom = document.Identity.EffectiveFrom ?? document.Identity.IssuedOn ?? time.Today();
                await publication.PublishAsync(session, jurisdiction, 1, effectiveFrom, "seed");
                logger.LogInformation("Seeded plan of {TenantCode}: {Title}", code, document.Identity.Title);
            }, stoppingToken);
        }
    }
}
