using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Incidents.Acts;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Deadlines;
using Fenghuo.Incidents.Messaging;

namespace Fenghuo.Incidents.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("incidents");
        // Every request looks up its caller's tenant; an entry kept 2 s spares that round trip (see TenantDirectory).
        builder.AddTenancy(keepEntriesFor: TimeSpan.FromSeconds(2));
        builder.AddServiceMessaging("incidents", bus => bus.AddTenantDirectoryReplica().AddPlanRulesReplica()
            .AddIdempotentConsumer<InjectDeliveredConsumer>());

        var options = builder.Configuration.GetSection(IncidentsOptions.Section).Get<IncidentsOptions>() ?? new IncidentsOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IncidentStore>();
        builder.Services.AddSingleton<PlanRulesCache>();
        builder.Services.AddSingleton<IntakeStore>();
        builder.Services.AddSingleton<DeadlineStore>();
        builder.Services.AddSingleton<ActRunner>();
        builder.Services.AddSingleton<IncidentIntake>();
        builder.Services.AddSingleton<ResponseActs>();
        builder.Services.AddSingleton<EscalationActs>();
        builder.Services.AddHostedService<DeadlineScheduler>();
        return builder;
    }
}
