using Fenghuo.Jurisdictions.Clients;
using Fenghuo.Jurisdictions.Data;
using Fenghuo.Jurisdictions.Onboarding;
using Fenghuo.Jurisdictions.Messaging;
using Fenghuo.ServiceDefaults.Messaging;
using MassTransit;

namespace Fenghuo.Jurisdictions;

public static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<JurisdictionStore>();
        builder.Services.AddSingleton<SnapshotPublisher>();
        builder.Services.AddHostedService<SnapshotOnStartup>();
        builder.Services.AddSingleton<PlanStore>();
        builder.Services.AddSingleton<PlanPublication>();
        builder.Services.AddHostedService<SeedPlansOnStartup>();
        builder.Services.AddScoped<JurisdictionOnboarding>();
        var realm = builder.Configuration.GetSection(IdentityAdminOptions.Section).Get<IdentityAdminOptions>() ?? new IdentityAdminOptions();
        realm.EnsureUsableIn(builder.Environment);
        builder.Services.AddSingleton(realm);
        builder.Services.AddHttpClient<IdentityAdminClient>();
        return builder;
    }

    public static IBusRegistrationConfigurator AddJurisdictionsConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddIdempotentConsumer<TenantDirectoryResyncRequestedConsumer>();
        return bus;
    }
}
