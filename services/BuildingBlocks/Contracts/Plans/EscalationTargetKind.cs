namespace Fenghuo.Contracts.Plans;

/// <summary>Where an escalating response goes: the tenant tree's parent, the province, or a body the plan names.</summary>
public enum EscalationTargetKind
{
    ParentCommand,
    ProvinceCommand,
    NamedBody,
}
