namespace Fenghuo.Contracts.Plans;

/// <summary>
/// 事件分级. The four national grades, plus the two states the plans also route:
/// 一般以下 (below general) and 暂时无法判明等级 (not yet determinable).
/// </summary>
public enum Grade
{
    /// <summary>特别重大 (一级).</summary>
    [Chinese("特别重大")]
    EspeciallyMajor,

    /// <summary>重大 (二级).</summary>
    [Chinese("重大")]
    Major,

    /// <summary>较大 (三级).</summary>
    [Chinese("较大")]
    Large,

    /// <summary>一般 (四级).</summary>
    [Chinese("一般")]
    General,

    /// <summary>一般以下: only plans that route it to its own response level use it.</summary>
    [Chinese("一般以下")]
    Minor,

    /// <summary>暂时无法判明等级: deadlines and response follow what the plan treats it as.</summary>
    [Chinese("暂时无法判明")]
    Undetermined,
}
