namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>指挥部办公室: where it sits (host unit), who heads it, what it does day to day.</summary>
public sealed record CommandOffice(string Name, string? HostUnit, string? Director, IReadOnlyList<string> Duties, string Source);
