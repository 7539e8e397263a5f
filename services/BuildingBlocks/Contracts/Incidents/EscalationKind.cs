namespace Fenghuo.Contracts.Incidents;

public enum EscalationKind
{
    /// <summary>向上级报告.</summary>
    [Chinese("报告")]
    Report,

    /// <summary>请求支援 (扩大应急): the command's capacity is exceeded.</summary>
    [Chinese("请求支援")]
    Support,

    /// <summary>请求上级接管指挥.</summary>
    [Chinese("请求接管指挥")]
    Handover,
}
