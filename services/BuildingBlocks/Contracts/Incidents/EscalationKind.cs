namespace Fenghuo.Contracts.Incidents;

public enum EscalationKind
{
    /// <summary>向上级报告.</summary>
    Report,

    /// <summary>请求支援 (扩大应急): the command's capacity is exceeded.</summary>
    Support,

    /// <summary>请求上级接管指挥.</summary>
    Handover,
}
