using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Exercises.Acts;
using Fenghuo.Exercises.Data;

namespace Fenghuo.Exercises.Apis;

/// <summary>What the exercise endpoints depend on, bound with [AsParameters].</summary>
public sealed record ExerciseServices(
    TenantContext Caller,
    ExercisePlanning Planning,
    ExerciseActs Acts,
    ActRunner Runner,
    TenantDatabase Database,
    ExerciseStore Store,
    ComplianceStore Compliance,
    PlanRulesReplica Plans,
    TenantDirectory Directory,
    TimeProvider Time);
