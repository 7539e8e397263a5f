using System.Reflection;

namespace Fenghuo.AppHost.Orchestration;

/// <summary>The configuration the AppHost was built with (baked in by AppHost.csproj); the services are run from the same one.</summary>
internal static class BuildConfiguration
{
    public static string Current { get; } = typeof(BuildConfiguration).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Configuration")
        .Value!;
}
