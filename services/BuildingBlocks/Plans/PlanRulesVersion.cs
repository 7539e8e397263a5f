using Fenghuo.Contracts.Plans;

namespace Fenghuo.BuildingBlocks.Plans;

/// <summary>A plan version's number with its rules: what a record pins when it is made.</summary>
public sealed record PlanRulesVersion(int Version, PlanRules Rules);
