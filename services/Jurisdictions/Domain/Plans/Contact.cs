namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>One line of the plan's contact table (应急联络表): a unit and its duty phone, as printed.</summary>
public sealed record Contact(string Unit, string Phone, string? Person);
