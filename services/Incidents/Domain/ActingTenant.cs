namespace Fenghuo.Incidents.Domain;

/// <summary>Which tenant in the incident's chain of command may do an act.</summary>
public enum ActingTenant
{
    /// <summary>The reporting tenant, or the command holding the response after a takeover.</summary>
    OwnerOrCommand,

    /// <summary>Only the command holding the incident (谁启动，谁结束; after a takeover, the parent).</summary>
    Command,

    /// <summary>A command the incident was escalated to.</summary>
    Reached,

    /// <summary>
    /// A command the incident was escalated to that stands above the command holding it now: command
    /// moves only upward, so a city cannot take an incident back from its province.
    /// </summary>
    AboveCommand,

    /// <summary>Any tenant on the chain: the owner or a command it reached, each sending to its own parent.</summary>
    Chain,

    /// <summary>The tenant an inquiry was addressed to.</summary>
    Asked,
}
