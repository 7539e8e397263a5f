namespace Fenghuo.Incidents.Data;

/// <summary>A timeline entry made under an Idempotency-Key: on which incident, and the hash of the request that made it.</summary>
public sealed record IdempotentEntry(Guid IncidentId, string RequestHash);
