namespace Fenghuo.BuildingBlocks.Plans;

/// <summary>A published plan version as a service holds it.</summary>
public sealed record KeptPlanVersion(string TenantCode, int Version, DateOnly EffectiveFrom, string Title, string? DocumentNumber);
