namespace Fenghuo.AppHost.Orchestration;

/// <summary>A .NET project the AppHost runs: its resource name, where it lives, and the database it owns.</summary>
/// <param name="DatabaseService">The service key of its database ("incidents" for incidentsdb); null for the gateway.</param>
internal sealed record ServiceResource(string Name, string ProjectDirectory, string AssemblyName, string? DatabaseService)
{
    public bool IsGateway => DatabaseService is null;

    public string AssemblyPath(string repositoryRoot, string configuration) =>
        Path.Combine(repositoryRoot, ProjectDirectory, "bin", configuration, "net10.0", $"{AssemblyName}.dll");
}
