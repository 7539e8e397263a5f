using Fenghuo.Incidents.Acts;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Deadlines;

namespace Fenghuo.Incidents;

public static class ApplicationServices
{
    public static IHostApplicationBuilder AddIncidentServices(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(IncidentsOptions.Section).Get<IncidentsOptions>() ?? new IncidentsOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IncidentStore>();
        builder.Services.AddSingleton<DeadlineStore>();
        builder.Services.AddSingleton<ActRunner>();
        builder.Services.AddSingleton<IncidentIntake>();
        builder.Services.AddSingleton<ResponseActs>();
        builder.Services.AddSingleton<EscalationActs>();
        builder.Services.AddHostedService<DeadlineScheduler>();
        return builder;
    }
}
