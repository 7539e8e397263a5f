namespace Fenghuo.Contracts.Plans;

/// <summary>A receiver of incident reports; <see cref="Grades"/> empty means every grade.</summary>
public sealed record ReportRecipient(string Name, RecipientKind Kind, IReadOnlyList<Grade> Grades, string Source);
