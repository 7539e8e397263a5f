using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// What the AppHost does with servers it did not start (ConnectionStrings__postgres): it starts no
/// PostgreSQL of its own, and never gives its published development password to roles it creates
/// there. Builds the AppHost's resource graph only; nothing is started.
/// </summary>
public sealed class ExternalServerTests : IDisposable
{
    private const string External = "Host=db.example;Port=5432;Username=fenghuo_admin;Password=admin-secret";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"fenghuo-e2e-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fenghuo-dev")]
    public async Task An_existing_postgresql_without_a_password_of_its_own_for_the_roles_is_refused(string? rolePassword)
    {
        var error = await Record.ExceptionAsync(async () =>
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(Args(rolePassword));
        });

        Assert.NotNull(error);
        Assert.Contains("AppHost__DatabasePassword", error.ToString());
    }

    [Fact]
    public async Task An_existing_postgresql_is_used_instead_of_a_local_one_and_its_roles_get_the_given_password()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(Args("a-real-secret"));

        Assert.DoesNotContain(builder.Resources.OfType<ExecutableResource>(), r => r.Name == "postgres");
        var incidentsdb = builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == "incidentsdb");
        var connectionString = await incidentsdb.GetConnectionStringAsync();
        Assert.Contains("Host=db.example", connectionString);
        Assert.Contains("Username=incidents_app", connectionString);
        Assert.Contains("Password=a-real-secret", connectionString);
    }

    private string[] Args(string? rolePassword) =>
    [
        $"--ConnectionStrings:postgres={External}",
        "--gateway-port", "0",
        "--data-dir", dataDirectory,
        .. rolePassword is null ? Array.Empty<string>() : [$"--AppHost:DatabasePassword={rolePassword}"],
    ];
}
