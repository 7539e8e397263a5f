using Fenghuo.Testing;
using Fenghuo.Jurisdictions.Clients;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Fenghuo.Jurisdictions.Tests;

/// <summary>The service's admin-API secret lives only in the development settings; elsewhere it must be given.</summary>
public sealed class IdentityAdminSecretTests
{
    [Fact]
    public void The_base_settings_carry_no_secret_and_a_production_start_refuses_without_one()
    {
        var options = Bind("appsettings.json");
        Assert.Empty(options.ClientSecret);

        var refusal = Assert.Throws<InvalidOperationException>(() => options.EnsureUsableIn(In(Environments.Production)));
        Assert.Contains("IdentityAdmin__ClientSecret is not set", refusal.Message);
    }

    [Fact]
    public void The_development_secret_works_in_development_only()
    {
        var options = Bind("appsettings.json", "appsettings.Development.json");
        options.EnsureUsableIn(In(Environments.Development));

        var refusal = Assert.Throws<InvalidOperationException>(() => options.EnsureUsableIn(In(Environments.Production)));
        Assert.Contains("IdentityAdmin__ClientSecret is the published development default", refusal.Message);

        options.ClientSecret = "a-secret-the-operator-generated-for-this-site";
        options.EnsureUsableIn(In(Environments.Production));
    }

    private static IdentityAdminOptions Bind(params string[] files)
    {
        var builder = new ConfigurationBuilder();
        foreach (var file in files)
        {
            builder.AddJsonFile(Path.Combine(ServiceFiles.DirectoryOf("Jurisdictions"), file), optional: false);
        }
        return builder.Build().GetSection(IdentityAdminOptions.Section).Get<IdentityAdminOptions>()!;
    }

    private static HostingEnvironment In(string name) => new() { EnvironmentName = name };
}
