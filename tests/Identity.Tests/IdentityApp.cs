using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fenghuo.AppHost;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Fenghuo.Identity.Tests;

/// <summary>
/// The identity service as it runs (its Program, by default in Development with the demo realm) on
/// real PostgreSQL and RabbitMQ, called over HTTP with real tokens; the clock is the test's.
/// </summary>
public sealed class IdentityApp : WebApplicationFactory<Fenghuo.Identity.Realm.RealmSeedOptions>
{
    public const string DemoPassword = "Fenghuo@dev1";
    public const string Realm = "realms/fenghuo";
    public const string TokenPath = $"{Realm}/protocol/openid-connect/token";

    private readonly string database;
    private readonly string migrations;
    private readonly string rabbitMq;
    private readonly string environment;
    private readonly IDictionary<string, string> settings;

    private IdentityApp(string database, string migrations, string rabbitMq, string environment, IDictionary<string, string> settings)
    {
        this.database = database;
        this.migrations = migrations;
        this.rabbitMq = rabbitMq;
        this.environment = environment;
        this.settings = settings;
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Started on a fresh database, or on <paramref name="database"/> as a restart would find it.</summary>
    public static async Task<IdentityApp> StartAsync(
        PlatformInfrastructure infrastructure, IDictionary<string, string>? settings = null, string environment = "Development", ServiceDatabase? database = null)
    {
        database ??= await infrastructure.ProvisionAsync("identity");
        var app = new IdentityApp(database.AppConnectionString, database.MigrationsConnectionString, infrastructure.RabbitMqConnectionString,
            environment, settings ?? new Dictionary<string, string>());
        app.StartServer();
        await app.KnowAsync("jincheng", "shanxi.jincheng");
        await app.KnowAsync("yangcheng", "shanxi.jincheng.yangcheng");
        return app;
    }

    /// <summary>
    /// Not yet started, pointing at a database and broker that do not exist: for starts that must be
    /// refused before the service touches either (start it with <c>StartServer()</c>).
    /// </summary>
    public static IdentityApp Unreachable(string environment, IDictionary<string, string> settings) =>
        new("Host=127.0.0.1;Port=1;Database=identitydb;Username=nobody;Password=nothing", "Host=127.0.0.1;Port=1;Database=identitydb;Username=nobody;Password=nothing",
            "amqp://nobody:nothing@127.0.0.1:1/", environment, settings);

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:identitydb", database);
        builder.UseSetting("ConnectionStrings:identitydb-migrations", migrations);
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMq);
        builder.UseSetting("Keycloak:auth-server-url", "http://localhost/");
        builder.UseSetting("Keycloak:ssl-required", "none");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Tells the service's tenant directory about a jurisdiction, as Jurisdictions' events would.</summary>
    public Task KnowAsync(string code, string path) =>
        Get<TenantDatabase>().InTransactionAsync(new TenantScope(code, path), session => Get<TenantDirectory>().ApplyAsync(session,
            new JurisdictionState(code, code, JurisdictionKind.County, path.Contains('.') ? path.Split('.')[^2] : null, path, JurisdictionStatus.Active, null, 1)),
            CancellationToken.None);

    public HttpClient From(string address)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    public static Task<HttpResponseMessage> PasswordGrantAsync(HttpClient client, string username, string password) =>
        client.PostAsync(TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "fenghuo-cli", ["username"] = username, ["password"] = password,
        }));

    public static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken, string clientId = "fenghuo-cli") =>
        client.PostAsync(TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = clientId, ["refresh_token"] = refreshToken,
        }));

    /// <summary>The refresh token of a successful token response (which it disposes).</summary>
    public static async Task<string> RefreshTokenOfAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refresh_token").GetString()!;
        }
    }

    public async Task<HttpClient> AsAsync(string username, string address = "10.0.0.1")
    {
        var client = From(address);
        using var response = await PasswordGrantAsync(client, username, DemoPassword);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<HttpClient> AsClientAsync(string clientId, string secret)
    {
        var client = From("10.0.0.1");
        using var response = await client.PostAsync(TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
