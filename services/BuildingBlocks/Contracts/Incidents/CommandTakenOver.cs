namespace Fenghuo.Contracts.Incidents;

/// <summary>A command above took over command of the response; from now on it ends it.</summary>
public sealed record CommandTakenOver(
    string FromCommandTenant,
    string ToCommandTenant,
    string Reason,
    string TakenOverBy) : IncidentEvent;
