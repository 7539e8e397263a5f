using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>Migrates before anything else starts (IHostedLifecycleService.StartingAsync runs ahead of the web server and the bus).</summary>
internal sealed class MigrationHostedService(DatabaseOptions options, MigrationRunner runner, MigrationState state) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var appRole = new NpgsqlConnectionStringBuilder(options.ConnectionString).Username
            ?? throw new InvalidOperationException($"ConnectionStrings:{options.Name} names no user.");
        var scripts = MigrationRunner.ScriptsIn(typeof(MigrationHostedService).Assembly, "platform")
            .Concat(MigrationRunner.ScriptsIn(options.MigrationsAssembly, options.Service));
        await runner.ApplyAsync(options.MigrationsConnectionString, appRole, scripts, cancellationToken);
        state.MarkDone();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
