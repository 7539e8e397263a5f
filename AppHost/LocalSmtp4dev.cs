namespace Fenghuo.AppHost;

/// <summary>
/// smtp4dev, a real SMTP server with a web inbox, from the repository's local dotnet tool
/// (.config/dotnet-tools.json; build.sh restores it), on loopback ports, keeping mail in memory.
/// Notifications e-mails through it, so a developer reads every mail the platform sends there.
/// </summary>
internal static class LocalSmtp4dev
{
    public static IResourceBuilder<ExecutableResource> AddSmtp4dev(this IDistributedApplicationBuilder builder, PlatformOptions options)
    {
        var smtpPort = FreePort.Pick();
        var webPort = FreePort.Pick();
        var data = Path.Combine(options.DataDirectory, "smtp4dev");
        Directory.CreateDirectory(data);
        return builder.AddExecutable("smtp4dev", "dotnet", options.Repository,
                "tool", "run", "smtp4dev", "--",
                $"--smtpport={smtpPort}", $"--urls=http://127.0.0.1:{webPort}", "--bindaddress=127.0.0.1",
                "--db=", "--imapport=", "--pop3port=", "--nousersettings", $"--baseappdatapath={data}")
            .WithHttpEndpoint(port: webPort, targetPort: webPort, isProxied: false)
            .WithEndpoint(port: smtpPort, targetPort: smtpPort, name: "smtp", scheme: "smtp", isProxied: false)
            // It binds 127.0.0.1 alone; "localhost" may resolve to ::1 first, where nothing listens.
            .WithEndpoint("http", endpoint => endpoint.TargetHost = "127.0.0.1")
            .WithEndpoint("smtp", endpoint => endpoint.TargetHost = "127.0.0.1")
            .WithHttpHealthCheck("/api/messages");
    }

    /// <summary>Points the service's e-mail at the server, and waits for it.</summary>
    public static IResourceBuilder<ProjectResource> WithSmtp(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ExecutableResource> smtp4dev)
    {
        var smtp = smtp4dev.GetEndpoint("smtp");
        return service
            .WithEnvironment("Notifications__Mail__Host", smtp.Property(EndpointProperty.Host))
            .WithEnvironment("Notifications__Mail__Port", smtp.Property(EndpointProperty.Port))
            .WithEnvironment("Notifications__Mail__Security", "None")
            .WaitFor(smtp4dev);
    }
}
