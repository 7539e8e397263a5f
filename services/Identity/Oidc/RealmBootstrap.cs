using Fenghuo.Identity.Data;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// Loads the realm keys and seeds the realm before the web server takes requests. Registered after
/// AddServiceDatabase, so its StartingAsync runs once the migrations have.
/// </summary>
public sealed class RealmBootstrap(RealmKeys keys, RealmSeeder seeder) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await keys.LoadAsync(cancellationToken);
        await seeder.SeedAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
