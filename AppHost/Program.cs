using Fenghuo.AppHost;

if (PlatformOptions.WantsHelp(args))
{
    Console.WriteLine(PlatformOptions.Usage);
    return;
}

var builder = DistributedApplication.CreateBuilder(PlatformOptions.ToConfigurationArgs(args));
// Where the dashboard and its telemetry intake listen unless the environment says otherwise: on
// loopback, over plain HTTP, since HTTPS would need a developer certificate our machines lack.
builder.Configuration["ASPNETCORE_URLS"] ??= "http://127.0.0.1:18888";
builder.Configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] ??= "http://127.0.0.1:18889";
builder.Configuration["ASPIRE_DASHBOARD_RESOURCE_SERVICE_ENDPOINT_URL"] ??= "http://127.0.0.1:0";
builder.Configuration["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] ??= "true";
var options = PlatformOptions.From(builder);

var postgres = builder.AddPostgresServer(options);
var rabbitmq = builder.AddRabbitMqBroker(options);

// Every service validates tokens against the realm behind the gateway, the URL its callers use.
var gateway = builder.AddProject<Projects.Gateway>("gateway", project => project.ExcludeLaunchProfile = true)
    .WithHttpEndpoint(port: options.GatewayPort, isProxied: false)
    .WithEndpoint("http", endpoint => endpoint.TargetHost = "127.0.0.1");
var services = new PlatformServices(builder, postgres, rabbitmq, gateway.GetEndpoint("http"));

var identity = services.Add<Projects.Identity>("identity-api", "identity")
    .WithEnvironment("Fenghuo__DemoPassword", options.DemoPassword)
    // The portal's login comes back to the gateway, whose port is chosen when the platform starts.
    .WithEnvironment("Fenghuo__ClientRedirectUris__fenghuo-portal__0", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/*"));
// Onboarding creates a jurisdiction's users through the realm's admin API.
services.Add<Projects.Jurisdictions>("jurisdictions-api", "jurisdictions").WithReference(identity);
services.Add<Projects.Incidents>("incidents-api", "incidents");
services.Add<Projects.Warnings>("warnings-api", "warnings");
// Notifications addresses the real users of each tenant, read from the realm, and e-mails them: through the
// SMTP server Notifications__Mail__Host names (the service inherits the setting), or else a local smtp4dev.
var notifications = services.Add<Projects.Notifications>("notifications-api", "notifications").WithReference(identity);
if (builder.Configuration["Notifications:Mail:Host"] is not { Length: > 0 })
{
    notifications.WithSmtp(builder.AddSmtp4dev(options));
}
services.Add<Projects.Exercises>("exercises-api", "exercises");
services.Add<Projects.Summaries>("summaries-api", "summaries");

services.BehindGateway(gateway);
// The web portal (烽火 工作台) keeps no data: it signs users in at the realm and calls the APIs through the gateway, which serves it at /.
services.AddPortal<Projects.Portal>("portal", gateway);
builder.Services.AddSingleton(options).AddHostedService<ReadySummary>();

builder.Build().Run();
