using Fenghuo.Exercises.Acts;

namespace Fenghuo.Exercises.Tests;

/// <summary>Exercise plans as the organiser's office fills them in.</summary>
internal static class Drills
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    public static InjectRequest Inject(string target, int offsetMinutes, bool drillIncident = false) =>
        new(offsetMinutes, target, "社保查询系统疑似数据泄露", "监测发现社保查询系统存在大量异常导出。", "核实情况，按预案研判定级并向上级报告",
            drillIncident ? new DrillIncidentRequest("data_security", "data_leak", "large", "社保查询系统约两万条个人信息疑似泄露") : null);

    public static PlanRequest Plan(string[] participants, params InjectRequest[] injects) =>
        new("晋城市勒索病毒应急演练", "functional", "勒索病毒攻击政务外网", ["检验事件报告时限"], Start, Start.AddHours(2), participants, injects);
}
