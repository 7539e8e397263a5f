using Fenghuo.Warnings.Acts;
using Fenghuo.Warnings.Data;
using Fenghuo.Warnings.Expiry;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;

namespace Fenghuo.Warnings.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>The Warnings service's composition: its database, its bus with the tenant tree and plan replicas, its acts and the expiry scheduler.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("warnings");
        builder.AddTenancy();
        builder.AddServiceMessaging("warnings", bus => bus.AddTenantDirectoryReplica().AddPlanRulesReplica());
        var options = builder.Configuration.GetSection(WarningsOptions.Section).Get<WarningsOptions>() ?? new WarningsOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<WarningStore>();
        builder.Services.AddSingleton<ExpiryStore>();
        builder.Services.AddSingleton<ActRunner>();
        builder.Services.AddSingleton<WarningProposals>();
        builder.Services.AddSingleton<WarningActs>();
        // One instance: the hosted loop and anyone who asks for a scan now (tests, an operator) share it.
        builder.Services.AddSingleton<ExpiryScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExpiryScheduler>());
        return builder;
    }
}
