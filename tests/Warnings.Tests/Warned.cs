using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Contracts;
using Fenghuo.Warnings.Domain;

namespace Fenghuo.Warnings.Tests;

/// <summary>A warning as stored, for the pure rules that read one.</summary>
internal static class Warned
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    public static Warning At(string tenant, PlanRules plan, string level, WarningPublicity publicity = WarningPublicity.Public, bool exercise = false) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantCode = tenant,
        TenantPath = $"shanxi.{tenant}",
        Number = "测试预警-2026-0001",
        PlanVersion = 1,
        PlanTermsJson = PlanTerms.Of(1, plan).ToJson(),
        State = EnumLabel.Of(WarningState.InForce),
        Level = level,
        Title = "勒索病毒传播风险预警",
        Situation = "监测发现勒索病毒变种在本地区传播，可能导致重要信息系统数据被加密",
        Category = plan.Taxonomy.Categories[0].Code,
        AffectedScope = "全辖区政务信息系统",
        Measures = ["立即排查 445 端口暴露情况"],
        StartsAt = Now.UtcDateTime,
        ExpiresAt = Now.AddDays(3).UtcDateTime,
        Publicity = EnumLabel.Of(publicity),
        Exercise = exercise,
        ProposedAt = Now.UtcDateTime,
        ProposedBy = $"{tenant}.duty",
        EndReason = "隐患已消除，系统恢复正常",
    };
}
