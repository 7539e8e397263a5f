using Fenghuo.Contracts;

namespace Fenghuo.Notifications.Domain;

/// <summary>
/// Who is told about one kind of event and what they are told. <see cref="Audiences"/> gets the
/// event and a way to find a tenant's parent (for rules that reach one step up).
/// </summary>
public sealed record NotificationRule<TEvent>(
    Func<TEvent, Func<string, string?>, IEnumerable<Audience>> Audiences,
    bool RequiresAcknowledgement,
    Func<TEvent, Message> Message)
    where TEvent : IntegrationEvent;
