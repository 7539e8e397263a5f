using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;

namespace Fenghuo.Incidents.Acts;

/// <summary>One act on one locked incident, under the rules of the plan version pinned to it.</summary>
public sealed class ActScope(DbSession session, Incident incident, PlanRules plan, TenantContext caller, DateTimeOffset now, IncidentStore store, Outbox outbox)
{
    public DbSession Session => session;

    /// <summary>The incident as this act has left it so far.</summary>
    public Incident Incident { get; private set; } = incident;

    public PlanRules Plan => plan;

    public TenantContext Caller => caller;

    public string CallerTenant => caller.TenantCode!;

    public string Actor => caller.Username ?? caller.UserId ?? "unknown";

    public DateTimeOffset Now => now;

    public Task SaveAsync(Incident changed)
    {
        Incident = changed;
        return store.SaveAsync(session, changed, now);
    }

    public Task RecordAsync(string act, string summary, object? details = null) =>
        store.AddTimelineAsync(session, new TimelineEntry(Incident.Id, now, act, Actor, CallerTenant, summary, details));

    public Task PublishAsync<TEvent>(TEvent message) where TEvent : class, IIntegrationEvent => outbox.EnqueueAsync(session, message);
}
