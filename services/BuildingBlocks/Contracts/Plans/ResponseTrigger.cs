namespace Fenghuo.Contracts.Plans;

/// <summary>One start condition of a response level; <see cref="Grades"/> is empty unless the kind is about grades.</summary>
public sealed record ResponseTrigger(TriggerKind Kind, IReadOnlyList<Grade> Grades, string Description, string Source);
