namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>
/// A command post as the plan titles it (指挥长, 总指挥, 组长 …) tied to the realm role that
/// acts for it; <see cref="Holders"/> are the offices the plan assigns (empty where it names none).
/// </summary>
public sealed record CommandRole(string Role, string Title, IReadOnlyList<string> Holders, string Source);
