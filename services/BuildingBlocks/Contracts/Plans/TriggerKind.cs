namespace Fenghuo.Contracts.Plans;

/// <summary>启动条件: the kinds of condition the plans use to start a response level (any one suffices).</summary>
public enum TriggerKind
{
    /// <summary>The assessed grade is one of the trigger's grades.</summary>
    Grade,

    /// <summary>暂时情况不明: the grade is not settled but may be one of the trigger's grades.</summary>
    GradeUndetermined,

    /// <summary>The command's own capacity is exceeded; it needs its parent.</summary>
    CommandCapacityExceeded,

    /// <summary>The units, townships or operators below cannot cope; the command must coordinate.</summary>
    LocalCapacityExceeded,

    /// <summary>A scope-of-impact rule (systems affected, spread) stated without a grade.</summary>
    ScopeOfImpact,

    /// <summary>经分析研判: the command judges the level necessary.</summary>
    CommandJudgement,
}
