using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Jurisdictions.Acts;
using Fenghuo.Jurisdictions.Clients;
using Fenghuo.Jurisdictions.Data;
using Fenghuo.Jurisdictions.Messaging;
using Fenghuo.Jurisdictions.Onboarding;
using Fenghuo.Jurisdictions.Seeding;

namespace Fenghuo.Jurisdictions.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("jurisdictions");
        builder.AddTenancy();
        builder.AddServiceMessaging("jurisdictions", bus => bus.AddIdempotentConsumer<TenantDirectoryResyncRequestedConsumer>()
            .AddIdempotentConsumer<PlanRevisionRequestedConsumer>());
        builder.Services.AddSingleton<JurisdictionStore>();
        builder.Services.AddSingleton<SnapshotPublisher>();
        builder.Services.AddHostedService<SnapshotOnStartup>();
        builder.Services.AddSingleton<PlanStore>();
        builder.Services.AddSingleton<CitationStore>();
        builder.Services.AddSingleton<PlanPublication>();
        builder.Services.AddSingleton<PlanDrafting>();
        builder.Services.AddHostedService<SeedPlansOnStartup>();
        builder.Services.AddScoped<JurisdictionOnboarding>();
        var realm = builder.Configuration.GetSection(IdentityAdminOptions.Section).Get<IdentityAdminOptions>() ?? new IdentityAdminOptions();
        realm.EnsureUsableIn(builder.Environment);
        builder.Services.AddSingleton(realm);
        builder.Services.AddHttpClient<IdentityAdminClient>();
        return builder;
    }
}
