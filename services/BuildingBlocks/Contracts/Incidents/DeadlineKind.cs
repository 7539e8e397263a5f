namespace Fenghuo.Contracts.Incidents;

public enum DeadlineKind
{
    /// <summary>向上级报告 within the plan's minutes for the grade.</summary>
    ReportUpward,

    /// <summary>书面报告 after a phone report.</summary>
    WrittenReport,

    /// <summary>答复上级问询.</summary>
    InquiryAnswer,

    /// <summary>总结评估 after the response ends.</summary>
    Review,
}
