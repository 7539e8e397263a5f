using Fenghuo.Contracts;

namespace Fenghuo.Notifications.Domain;

/// <summary>
/// Who is told about one kind of event and what they are told. <see cref="Audiences"/> gets the
/// event and what the service knows around it (a tenant's parent; who was told of the subject before).
/// </summary>
public sealed record NotificationRule<TEvent>(
    Func<TEvent, AudienceLookup, IEnumerable<Audience>> Audiences,
    bool RequiresAcknowledgement,
    Func<TEvent, Func<string, string>, Message> Message)
    where TEvent : IntegrationEvent;

/// <param name="ParentOf">A tenant's parent, for rules that reach one step up.</param>
/// <param name="ToldBefore">The tenants already told of the same subject (a warning's receivers, for its adjustment and lifting).</param>
public sealed record AudienceLookup(Func<string, string?> ParentOf, IReadOnlyList<string> ToldBefore);
