using Fenghuo.Warnings.Acts;
using Fenghuo.Warnings.Data;
using Fenghuo.Warnings.Expiry;

namespace Fenghuo.Warnings;

public static class ApplicationServices
{
    public static IHostApplicationBuilder AddWarningServices(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(WarningsOptions.Section).Get<WarningsOptions>() ?? new WarningsOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<WarningStore>();
        builder.Services.AddSingleton<ExpiryStore>();
        builder.Services.AddSingleton<ActRunner>();
        builder.Services.AddSingleton<WarningProposals>();
        builder.Services.AddSingleton<WarningActs>();
        builder.Services.AddHostedService<ExpiryScheduler>();
        return builder;
    }
}
