namespace Fenghuo.Contracts.Plans;

/// <summary>
/// 事件分级. The four national grades, plus the two states the plans also route:
/// 一般以下 (below general) and 暂时无法判明等级 (not yet determinable).
/// </summary>
public enum Grade
{
    /// <summary>特别重大 (一级).</summary>
    EspeciallyMajor,

    /// <summary>重大 (二级).</summary>
    Major,

    /// <summary>较大 (三级).</summary>
    Large,

    /// <summary>一般 (四级).</summary>
    General,

    /// <summary>一般以下: only plans that route it to its own response level use it.</summary>
    Minor,

    /// <summary>暂时无法判明等级: deadlines and response follow what the plan treats it as.</summary>
    Undetermined,
}
