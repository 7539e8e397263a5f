namespace Fenghuo.Testing;

/// <summary>A service's own files (its appsettings), found from the test output up to the repository root.</summary>
public static class ServiceFiles
{
    public static string DirectoryOf(string service)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            {
                return Path.Combine(directory.FullName, "services", service);
            }
        }
        throw new InvalidOperationException("Platform.sln not found above the test output.");
    }
}
