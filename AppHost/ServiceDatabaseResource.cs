namespace Fenghuo.AppHost;

/// <summary>A service's database as a resource: its connection strings are what the service receives by reference.</summary>
internal sealed class ServiceDatabaseResource(ServiceDatabase database, DatabaseServer server) : Resource(database.Name), IResourceWithConnectionString
{
    public ServiceDatabase Database => database;

    public DatabaseServer Server => server;

    /// <summary>ConnectionStrings__&lt;service&gt;db: the role row-level security applies to.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{database.AppConnectionString}");

    /// <summary>ConnectionStrings__&lt;service&gt;db-migrations: the owner, for migrations at start-up.</summary>
    public ReferenceExpression MigrationsConnectionString => ReferenceExpression.Create($"{database.MigrationsConnectionString}");
}

internal static class ServiceDatabases
{
    /// <summary>
    /// The database appears waiting, and turns running once the server is healthy and the database and
    /// its roles exist, so that services waiting for it start on a database ready for them.
    /// </summary>
    public static IResourceBuilder<ServiceDatabaseResource> AddServiceDatabase(
        this IDistributedApplicationBuilder builder, DatabaseServer server, string service)
    {
        var description = DatabaseProvisioner.Describe(server.Admin.ConnectionString, service, server.RolePassword);
        var database = builder.AddResource(new ServiceDatabaseResource(description, server))
            .WithParentRelationship(server.Resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Database",
                State = KnownResourceStates.Waiting,
                Properties = [],
            })
            .ExcludeFromManifest();

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, ct) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(database.Resource);
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            // In the background: the AppHost goes on starting the server this waits for.
            _ = Task.Run(() => ProvisionWhenServerIsReadyAsync(database.Resource, notifications, logger, stopping), ct);
            return Task.CompletedTask;
        });
        return database;
    }

    private static async Task ProvisionWhenServerIsReadyAsync(
        ServiceDatabaseResource database, ResourceNotificationService notifications, ILogger logger, CancellationToken ct)
    {
        try
        {
            // A server named by a connection string is not ours to watch: it is up, or provisioning says why not.
            if (database.Server.Resource.Resource is ExecutableResource)
            {
                await notifications.WaitForResourceHealthyAsync(database.Server.Resource.Resource.Name, ct);
            }

            var provisioned = await DatabaseProvisioner.ProvisionAsync(
                database.Server.Admin.ConnectionString, database.Name[..^"db".Length], database.Server.RolePassword, ct);
            logger.LogInformation("{Database} ready: owner {Owner}, service role {App}", provisioned.Name, provisioned.Owner, provisioned.App);
            await notifications.PublishUpdateAsync(database, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Provisioning {Database} failed", database.Name);
            await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.FailedToStart });
        }
    }
}
