namespace Fenghuo.Contracts.Incidents;

public enum DeadlineKind
{
    /// <summary>向上级报告 within the plan's minutes for the grade.</summary>
    [Chinese("向上报告")]
    ReportUpward,

    /// <summary>书面报告 after a phone report.</summary>
    [Chinese("书面报告")]
    WrittenReport,

    /// <summary>答复上级问询.</summary>
    [Chinese("答复问询")]
    InquiryAnswer,

    /// <summary>总结评估 after the response ends.</summary>
    [Chinese("总结评估")]
    Review,
}
