namespace Fenghuo.Incidents.Data;

/// <summary>One act on the record: who, from which tenant, when, what; <see cref="Details"/> is kept as JSON.</summary>
public sealed record TimelineEntry(Guid IncidentId, DateTimeOffset At, string Act, string Actor, string ActorTenant, string Summary, object? Details = null)
{
    /// <summary>The client's Idempotency-Key of the request that made this entry, if it sent one.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>What that request asked, hashed, so the key sent again with another request is told apart from a retry.</summary>
    public string? RequestHash { get; init; }
}
