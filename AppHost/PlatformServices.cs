namespace Fenghuo.AppHost;

/// <summary>
/// The services behind the gateway. Adding one is one line: <see cref="Add{TProject}"/> gives it its own
/// database, the broker and the realm, and the gateway routes to it and waits for it. Before any service
/// starts, each one runs once to declare its queues and bindings and exits (its "-topology" resource), so
/// no event is published to an exchange whose consumers' queues do not exist yet.
/// </summary>
internal sealed class PlatformServices(
    IDistributedApplicationBuilder builder,
    DatabaseServer postgres,
    IResourceBuilder<IResourceWithConnectionString> rabbitmq,
    EndpointReference gateway)
{
    private readonly List<IResourceBuilder<ProjectResource>> services = [];
    private readonly List<IResourceBuilder<ProjectResource>> topologies = [];

    /// <param name="database">The service key of its database: "incidents" gives incidentsdb, incidents_owner, incidents_app.</param>
    public IResourceBuilder<ProjectResource> Add<TProject>(string name, string database)
        where TProject : IProjectMetadata, new()
    {
        var db = builder.AddServiceDatabase(postgres, database);
        var service = builder.AddProject<TProject>(name, project => project.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(isProxied: false)
            .WithHttpHealthCheck("/health")
            .AsLocalDevelopment(gateway)
            .WithReference(db)
            .WithEnvironment($"ConnectionStrings__{db.Resource.Name}-migrations", db.Resource.MigrationsConnectionString)
            .WithReference(rabbitmq)
            .WaitFor(db)
            .WaitFor(rabbitmq);
        services.Add(service);
        // Only the broker is reached in this mode; the database's connection string is read, never opened.
        topologies.Add(builder.AddProject<TProject>($"{name}-topology", project => project.ExcludeLaunchProfile = true)
            .AsLocalDevelopment(gateway)
            .WithEnvironment("Messaging__DeployTopologyOnly", "true")
            .WithReference(db)
            .WithReference(rabbitmq)
            .WaitFor(rabbitmq));
        return service;
    }

    /// <summary>
    /// A web front end behind the gateway: no database or broker, tokens from the realm behind the
    /// gateway's public URL. Production, whatever the platform runs as: users never see developer error pages.
    /// </summary>
    public void AddPortal<TProject>(string name, IResourceBuilder<ProjectResource> gatewayProject)
        where TProject : IProjectMetadata, new()
    {
        var portal = builder.AddProject<TProject>(name, project => project.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(isProxied: false)
            .WithHttpHealthCheck("/health")
            .AsLocalDevelopment(gateway)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production");
        gatewayProject.WithReference(portal).WaitFor(portal);
    }

    /// <summary>
    /// The gateway routes to every service by name and reports healthy only when they all are. No service
    /// starts, and so none publishes, before every service's queues and bindings exist.
    /// </summary>
    public void BehindGateway(IResourceBuilder<ProjectResource> gatewayProject)
    {
        gatewayProject.WithHttpHealthCheck("/health").AsLocalDevelopment(gateway);
        foreach (var service in services)
        {
            gatewayProject.WithReference(service).WaitFor(service);
            foreach (var topology in topologies)
            {
                service.WaitForCompletion(topology);
            }
        }
    }
}

internal static class LocalDevelopment
{
    /// <summary>Settings for the AppHost alone; services inherit its environment, so these are blanked for them.</summary>
    private static readonly string[] AppHostOnly = ["ConnectionStrings__postgres", "AppHost__DatabasePassword"];

    /// <summary>
    /// Development, which seeds the demo users; tokens from the realm behind the gateway, over plain HTTP
    /// on loopback. The keys and meanings are Keycloak.AuthServices', so a real Keycloak replaces it by configuration.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsLocalDevelopment(this IResourceBuilder<ProjectResource> project, EndpointReference gateway) =>
        project
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Development")
            .WithEnvironment("Keycloak__realm", "fenghuo")
            .WithEnvironment("Keycloak__auth-server-url", ReferenceExpression.Create($"{gateway}/"))
            .WithEnvironment("Keycloak__resource", "fenghuo-api")
            .WithEnvironment("Keycloak__ssl-required", "none")
            .WithEnvironment(context =>
            {
                foreach (var name in AppHostOnly.Where(name => Environment.GetEnvironmentVariable(name) is not null))
                {
                    context.EnvironmentVariables[name] = "";
                }
            });
}
