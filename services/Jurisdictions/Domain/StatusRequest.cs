using Fenghuo.Contracts.Tenancy;

namespace Fenghuo.Jurisdictions.Domain;

/// <summary>Suspend a jurisdiction (its users can no longer log in) or make it active again.</summary>
public sealed record StatusRequest(JurisdictionStatus? Status, string? Reason);
