namespace Fenghuo.Contracts.Incidents;

/// <summary>启动应急响应 at a plan level by the command tenant.</summary>
public sealed record ResponseStarted(
    string Level,
    string CommandTenant,
    string StartedBy) : IncidentEvent;
