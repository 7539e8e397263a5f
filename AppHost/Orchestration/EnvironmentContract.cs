using Fenghuo.AppHost.Resources;

namespace Fenghuo.AppHost.Orchestration;

/// <summary>
/// The variables each child gets: the contract .NET Aspire's AppHost hands its projects, so the
/// services run unchanged under either. Services read only this, never the AppHost.
/// </summary>
internal sealed class EnvironmentContract(
    IReadOnlyDictionary<string, string> hostEnvironment,
    IReadOnlyDictionary<string, string> urls,
    IReadOnlyDictionary<string, ServiceDatabase> databasesByService,
    string rabbitMqConnectionString,
    string gatewayUrl,
    string demoPassword)
{
    /// <summary>Changes to the inherited environment; a null value removes an inherited variable.</summary>
    public IReadOnlyDictionary<string, string?> For(ServiceResource resource)
    {
        var environment = new Dictionary<string, string?>();

        // Children inherit the AppHost's environment, which may hold a superuser connection string.
        foreach (var name in hostEnvironment.Keys.Where(IsAppHostOnly))
        {
            environment[name] = null;
        }

        environment["ASPNETCORE_URLS"] = urls[resource.Name];
        environment["ASPNETCORE_ENVIRONMENT"] =
            hostEnvironment.GetValueOrDefault("ASPNETCORE_ENVIRONMENT")
            ?? hostEnvironment.GetValueOrDefault("DOTNET_ENVIRONMENT")
            ?? "Development";
        environment["OTEL_SERVICE_NAME"] = resource.Name;

        foreach (var (name, url) in urls)
        {
            environment[$"services__{name}__http__0"] = url;
        }

        if (resource.DatabaseService is { } service)
        {
            var database = databasesByService[service];
            environment[$"ConnectionStrings__{database.Name}"] = database.AppConnectionString;
            environment[$"ConnectionStrings__{database.Name}-migrations"] = database.MigrationsConnectionString;
            environment["ConnectionStrings__rabbitmq"] = rabbitMqConnectionString;
        }

        environment["Keycloak__realm"] = "fenghuo";
        environment["Keycloak__auth-server-url"] = $"{gatewayUrl}/";
        environment["Keycloak__resource"] = "fenghuo-api";
        environment["Keycloak__ssl-required"] = "none";

        if (resource == Topology.Identity)
        {
            environment["Fenghuo__DemoPassword"] = demoPassword;
        }

        // What the developer set explicitly wins over the defaults above.
        foreach (var (name, value) in hostEnvironment.Where(v => IsPassedThrough(v.Key)))
        {
            environment[name] = value;
        }

        return environment;
    }

    private static bool IsAppHostOnly(string name) =>
        name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("services__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("AppHost__", StringComparison.OrdinalIgnoreCase);

    private static bool IsPassedThrough(string name) =>
        name.StartsWith("Fenghuo__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Keycloak__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Gateway__", StringComparison.OrdinalIgnoreCase)
        || (name.StartsWith("OTEL_", StringComparison.Ordinal) && name != "OTEL_SERVICE_NAME");
}
