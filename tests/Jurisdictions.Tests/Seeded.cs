using Fenghuo.Contracts.Plans;
using Fenghuo.Jurisdictions.Domain.Plans;

namespace Fenghuo.Jurisdictions.Tests;

internal static class Seeded
{
    public static PlanDocument Plan(string tenantCode) =>
        SeedPlans.For(tenantCode) ?? throw new InvalidOperationException($"no seed plan for {tenantCode}");

    public static PlanRules Rules(string tenantCode) => Plan(tenantCode).ToRules();

    public static ResponseLevel Level(this PlanDocument plan, string code) => plan.ResponseLevels.Single(l => l.Code == code);
}
