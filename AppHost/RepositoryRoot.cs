namespace Fenghuo.AppHost;

/// <summary>The directory holding Platform.sln: the services' build output and the realm export are found from it.</summary>
internal static class RepositoryRoot
{
    // `dotnet run --project AppHost` may start anywhere inside the repository; a published AppHost
    // started from elsewhere still finds it from its own location.
    public static string? Find() => FindFrom(Directory.GetCurrentDirectory()) ?? FindFrom(AppContext.BaseDirectory);

    private static string? FindFrom(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln"))
                || File.Exists(Path.Combine(directory.FullName, "Platform.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
