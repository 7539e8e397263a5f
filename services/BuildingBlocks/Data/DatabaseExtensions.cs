using Fenghuo.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database: a data source for ConnectionStrings:{service}db,
    /// migrations from the application's Data/Migrations (its assembly is the host's ApplicationName,
    /// also when a test hosts it) run at start-up, readiness and the audit trail.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase(
        this IHostApplicationBuilder builder, string service, System.Reflection.Assembly? migrationsFrom = null)
    {
        var name = $"{service}db";
        var connectionString = builder.Configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not configured.");
        var options = new DatabaseOptions(service, connectionString, builder.Configuration.GetConnectionString($"{name}-migrations") ?? connectionString)
        {
            MigrationsAssembly = migrationsFrom ?? System.Reflection.Assembly.Load(new System.Reflection.AssemblyName(builder.Environment.ApplicationName)),
        };

        DapperTypeHandlers.Register();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp =>
        {
            var connection = ConnectionOptions(connectionString, service);
            var dataSource = new NpgsqlDataSourceBuilder(connection.ConnectionString);
            dataSource.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return dataSource.Build();
        });
        builder.Services.AddSingleton<TenantDatabase>();
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddSingleton<MigrationState>();
        builder.Services.AddHostedService<MigrationHostedService>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddOptions<AuditSealOptions>().BindConfiguration(AuditSealOptions.Section);
        builder.Services.AddSingleton<AuditSeal>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditSeal>());
        builder.Services.AddHostedService<AuditLinking>();
        builder.Services.AddHealthChecks().AddCheck<AuditSeal>("audit", tags: [Health.ReadyTag]);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("postgres", tags: [Health.ReadyTag]);
        return builder;
    }

    /// <summary>The connection options every service runs with (a benchmark that hosts a service's parts uses them too).</summary>
    public static NpgsqlConnectionStringBuilder ConnectionOptions(string connectionString, string service) =>
        new(connectionString)
        {
            ApplicationName = $"{service}-api",
            // A connection comes back to the pool with nothing of its session to undo: tenant settings
            // are transaction-local (set_config(…, true)), advisory locks transaction-level, and the two
            // listeners give their channel back themselves. Without this, every reuse made the server run
            // seven reset statements first (RESET ALL, SET SESSION AUTHORIZATION DEFAULT, …), about two
            // and a half times per recorded incident.
            NoResetOnClose = true,
            // Services send the same statements over and over: prepared on a connection after a few
            // uses, the server parses and plans each once instead of every time. Planning was most of
            // a report's cost to the server (an insert with its row-level security and upsert: 0.39 ms
            // of CPU unprepared against 0.14 prepared, measured with pgbench on this schema).
            MaxAutoPrepare = 128,
        };
}
