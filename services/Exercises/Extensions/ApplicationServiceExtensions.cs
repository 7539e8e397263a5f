using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Exercises.Acts;
using Fenghuo.Exercises.Data;
using Fenghuo.Exercises.Injects;
using Fenghuo.Exercises.Messaging;
using Fenghuo.Exercises.Obligations;

namespace Fenghuo.Exercises.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>The Exercises service's composition: database, bus with the replicas and the drill reports, acts, inject and obligation schedulers.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("exercises");
        builder.AddTenancy();
        builder.AddServiceMessaging("exercises", bus => bus.AddTenantDirectoryReplica().AddPlanRulesReplica()
            .AddIdempotentConsumer<DrillIncidentOpenedConsumer>()
            .AddIdempotentConsumer<DrillClockSettledConsumer>());
        var options = builder.Configuration.GetSection(ExercisesOptions.Section).Get<ExercisesOptions>() ?? new ExercisesOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ExerciseStore>();
        builder.Services.AddSingleton<InjectScheduleStore>();
        builder.Services.AddSingleton<ComplianceStore>();
        builder.Services.AddSingleton<ActRunner>();
        builder.Services.AddSingleton<ExercisePlanning>();
        builder.Services.AddSingleton<ExerciseActs>();
        // One instance each: the hosted loop and anyone who asks for a scan now (tests) share it.
        builder.Services.AddSingleton<InjectScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InjectScheduler>());
        builder.Services.AddSingleton<ObligationScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ObligationScheduler>());
        return builder;
    }
}
