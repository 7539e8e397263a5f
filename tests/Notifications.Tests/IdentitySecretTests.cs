using Fenghuo.Testing;
using Fenghuo.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Fenghuo.Notifications.Tests;

/// <summary>The secret with which Notifications reads the realm lives only in the development settings.</summary>
public sealed class IdentitySecretTests
{
    [Fact]
    public void The_base_settings_carry_no_secret_and_only_development_accepts_the_published_one()
    {
        var production = new HostingEnvironment { EnvironmentName = Environments.Production, ApplicationName = "Fenghuo.Notifications" };
        var missing = Assert.Throws<InvalidOperationException>(() => Bind("appsettings.json").Identity.EnsureUsableIn(production));
        Assert.Contains("Notifications__Identity__ClientSecret is not set", missing.Message);

        var development = Bind("appsettings.json", "appsettings.Development.json");
        development.Identity.EnsureUsableIn(new HostingEnvironment { EnvironmentName = Environments.Development });
        var published = Assert.Throws<InvalidOperationException>(() => development.Identity.EnsureUsableIn(production));
        Assert.Contains("is the published development default", published.Message);

        development.Identity.ClientSecret = "a-secret-the-operator-generated-for-this-site";
        development.Identity.EnsureUsableIn(production);
    }

    private static NotificationsOptions Bind(params string[] files)
    {
        var builder = new ConfigurationBuilder();
        foreach (var file in files)
        {
            builder.AddJsonFile(Path.Combine(ServiceFiles.DirectoryOf("Notifications"), file), optional: false);
        }
        return builder.Build().GetSection(NotificationsOptions.Section).Get<NotificationsOptions>()!;
    }
}
