using Fenghuo.Contracts.Plans;
using Fenghuo.Jurisdictions.Domain.Plans;

namespace Fenghuo.Exercises.Tests;

/// <summary>The seeded plans' rules, as Jurisdictions publishes them to this service.</summary>
internal static class SeedRules
{
    public static PlanRules For(string tenantCode) =>
        (SeedPlans.For(tenantCode) ?? throw new InvalidOperationException($"no seed plan for {tenantCode}")).ToRules();
}
