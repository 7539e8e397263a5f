namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>
/// The five seeded plans, keyed by tenant code (jincheng ← 001, jincheng_energy ← 000,
/// yangcheng ← 002, chengqu ← 003, xinzhou_edz ← 004), each encoded from its plan text.
/// </summary>
public static class SeedPlans
{
    private static readonly Lazy<IReadOnlyDictionary<string, PlanDocument>> Embedded = new(() =>
        PlanResources.Names("Seeds").ToDictionary(
            name => name[..^".json".Length],
            name => PlanResources.Read<PlanDocument>("Seeds." + name),
            StringComparer.Ordinal));

    public static IReadOnlyDictionary<string, PlanDocument> All => Embedded.Value;

    public static PlanDocument? For(string tenantCode) => All.GetValueOrDefault(tenantCode);
}
