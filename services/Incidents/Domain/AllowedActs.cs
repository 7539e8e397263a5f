using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Data;

namespace Fenghuo.Incidents.Domain;

/// <summary>The acts a caller may do on an incident now, and the response levels it may start or change to.</summary>
public sealed record AllowedActs(IReadOnlyList<string> Acts, IReadOnlyList<string> Levels)
{
    public static AllowedActs None { get; } = new([], []);

    /// <summary>
    /// Decided by <see cref="Lifecycle"/>'s rules, as each act decides before it runs, so a desk offers
    /// what the service would do and keeps no table of its own. Where an act also needs something to
    /// act on — an inquiry to answer, an escalation to sign for, a command above to send to — it is
    /// offered only while there is one.
    /// </summary>
    /// <param name="plan">The plan version pinned to the incident, as the caller sees it; without it the caller no longer acts.</param>
    /// <param name="standsAboveCommand">Whether the caller's jurisdiction is an ancestor of the command holding the incident.</param>
    public static AllowedActs For(IncidentRecord record, TenantContext caller, PlanRules? plan, bool standsAboveCommand)
    {
        if (plan is null || caller.TenantCode is not { } tenant)
        {
            return None;
        }
        var incident = record.Incident;
        var asked = record.Inquiries.Any(q => q.ToTenant == tenant && q.Answer is null) ? tenant : null;
        bool Permits(ActRule rule, string? level = null) => rule.Permits(incident, caller, plan, standsAboveCommand, asked, level);

        var startable = plan.ResponseLevels.Where(l => Permits(Lifecycle.StartResponse, l.Code)).Select(l => l.Code).ToList();
        var changeable = plan.ResponseLevels.Where(l => l.Code != incident.ResponseLevel && Permits(Lifecycle.ChangeLevel, l.Code)).Select(l => l.Code).ToList();
        var acts = Lifecycle.Acts.Where(rule => rule switch
        {
            _ when rule == Lifecycle.StartResponse => startable.Count > 0,
            _ when rule == Lifecycle.ChangeLevel => changeable.Count > 0,
            _ when rule == Lifecycle.Control || rule == Lifecycle.EndResponse => Permits(rule, incident.ResponseLevel),
            _ when rule == Lifecycle.Acknowledge => record.Escalations.Any(e => e.ToTenant == tenant && e.AcknowledgedAt is null) && Permits(rule),
            // The root of the tree has no command above it to send to.
            _ when rule == Lifecycle.Escalate => caller.TenantPath?.Contains('.') == true && Permits(rule),
            _ => Permits(rule),
        }).Select(rule => rule.Name).ToList();
        return new AllowedActs(acts, startable.Count > 0 ? startable : changeable);
    }
}
