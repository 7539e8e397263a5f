namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>应急联络表. Empty, with no source, where the plan prints none.</summary>
public sealed record ContactDirectory(IReadOnlyList<Contact> Entries, string? Source);
