namespace Fenghuo.BuildingBlocks.Tenancy;

/// <summary>A tenant as this service knows it.</summary>
public sealed record TenantEntry(string Code, string Name, string Kind, string? ParentCode, string Path, bool IsActive, string? DivisionCode, long Revision);
