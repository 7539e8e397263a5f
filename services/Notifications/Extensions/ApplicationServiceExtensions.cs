using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Notifications.Acknowledgements;
using Fenghuo.Notifications.Data;
using Fenghuo.Notifications.Mail;
using Fenghuo.Notifications.Messaging;
using Fenghuo.Notifications.Recipients;
using Fenghuo.Notifications.Stream;
using Fenghuo.Notifications.Webhooks;

namespace Fenghuo.Notifications.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("notifications");
        builder.AddTenancy();
        builder.AddServiceMessaging("notifications", bus => bus.AddTenantDirectoryReplica()
            .AddIdempotentConsumer<IncidentEscalatedConsumer>()
            .AddIdempotentConsumer<InquirySentConsumer>()
            .AddIdempotentConsumer<DeadlineApproachingConsumer>()
            .AddIdempotentConsumer<DeadlineMissedConsumer>()
            .AddIdempotentConsumer<CommandTakenOverConsumer>()
            .AddIdempotentConsumer<ResponseStartedConsumer>()
            .AddIdempotentConsumer<ResponseEndedConsumer>()
            .AddIdempotentConsumer<WarningIssuedConsumer>()
            .AddIdempotentConsumer<WarningAdjustedConsumer>()
            .AddIdempotentConsumer<WarningLiftedConsumer>()
            .AddIdempotentConsumer<InjectDeliveredConsumer>());

        var options = builder.Configuration.GetSection(NotificationsOptions.Section).Get<NotificationsOptions>() ?? new NotificationsOptions();
        builder.Services.AddSingleton(options);
        options.Identity.EnsureUsableIn(builder.Environment);
        builder.Services.AddSingleton(options.Identity);
        builder.Services.AddSingleton(options.Mail);
        builder.Services.AddSingleton<MailOutbox>();
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddSingleton<TenantSettingsStore>();
        builder.Services.AddSingleton<Teller>();
        builder.Services.AddSingleton(options.Webhooks);
        builder.Services.AddSingleton<WebhookTargets>();
        builder.Services.AddSingleton<WebhookStore>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        // Redirects are not followed: a target could send the request on to an address it may not reach.
        builder.Services.AddHttpClient(WebhookSender.Client)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<WebhookTargets>().ConnectAsync,
            });
        builder.Services.AddSingleton<MailSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MailSender>());
        builder.Services.AddHttpClient(IdentityRecipientDirectory.Client);
        builder.Services.AddSingleton<IRecipientDirectory, IdentityRecipientDirectory>();
        builder.Services.AddSingleton<NotificationStore>();
        builder.Services.AddSingleton<NotificationDesk>();
        builder.Services.AddSingleton<AcknowledgementScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AcknowledgementScheduler>());
        builder.Services.AddSingleton<InboxStream>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboxStream>());
        return builder;
    }
}
