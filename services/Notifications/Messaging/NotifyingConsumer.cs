using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts;
using Fenghuo.Notifications.Domain;
using Fenghuo.Notifications.Webhooks;

namespace Fenghuo.Notifications.Messaging;

/// <summary>
/// Turns one event into a notification per audience tenant and an inbox item per user there,
/// by its <see cref="NotificationRule{TEvent}"/>. Everything commits with the inbox row, so a
/// redelivered event finds itself recorded and tells nobody twice. An event naming a tenant not
/// known here yet tells nobody and is tried again (<see cref="NotKnownYetException"/>).
/// </summary>
public abstract class NotifyingConsumer<TEvent>(NotificationRule<TEvent> rule, TenantDatabase database, NotificationDesk desk, ILogger logger)
    : IdempotentConsumer<TEvent>(database, logger)
    where TEvent : IntegrationEvent
{
    protected override async Task ApplyAsync(TEvent message, DbSession session, CancellationToken cancellationToken)
    {
        var known = (await desk.Tenants.ListAsync(cancellationToken)).ToDictionary(t => t.Code, StringComparer.Ordinal);
        var text = rule.Message(message, code => known.GetValueOrDefault(code)?.Name ?? code);
        var now = desk.Time.GetUtcNow();
        var toldBefore = await TenantDatabase.WidenedAsync(session, RlsWidening.Clock, () => desk.Store.ToldOfAsync(session, text.Subject, text.SubjectId));
        var lookup = new AudienceLookup(code => known.GetValueOrDefault(code)?.ParentCode, toldBefore);
        foreach (var audience in rule.Audiences(message, lookup)
                     .GroupBy(a => a.TenantCode, StringComparer.Ordinal))
        {
            if (!known.TryGetValue(audience.Key, out var tenant))
            {
                // On a fresh install events can come before the tenant directory is filled: nobody is
                // told yet, and the event is tried again once the directory may know the tenant.
                throw new NotKnownYetException($"{typeof(TEvent).Name} {message.EventId} names tenant {audience.Key}, not known here yet");
            }
            // Each tenant's rows are written as that tenant, so row-level security checks every insert.
            await TenantDatabase.UseScopeAsync(session, new TenantScope(tenant.Code, tenant.Path));
            var settings = await desk.Settings.GetAsync(session, tenant.Code);
            var window = settings.WindowOr(desk.Options.AcknowledgementWindow);
            var notification = await desk.Store.AddAsync(session, message, tenant.Code, tenant.Path, text, rule.RequiresAcknowledgement, now, now + window);
            if (notification is not { } id)
            {
                continue;
            }
            await desk.Webhooks.EnqueueAsync(session, id, tenant.Code, tenant.Path, typeof(TEvent).Name,
                WebhookPayload.For(id, tenant.Code, typeof(TEvent).Name, text, rule.RequiresAcknowledgement, now), now);
            // The tenant's own choice of roles for this event, if it made one, stands for the rule's.
            var roles = settings.EventRoles.TryGetValue(typeof(TEvent).Name, out var chosen) ? chosen : audience.SelectMany(a => a.Roles);
            foreach (var role in roles.Distinct(StringComparer.Ordinal))
            {
                foreach (var user in await desk.Recipients.UsersAsync(tenant.Code, role, cancellationToken))
                {
                    await desk.Teller.TellAsync(session, id, tenant.Code, tenant.Path, user, text, now);
                }
            }
        }
    }
}
