namespace Fenghuo.Testing.Servers;

/// <summary>
/// DEVELOPMENT DEFAULTS ONLY. The local servers listen on loopback and hold throwaway data;
/// real deployments take their credentials from a secret store, never from here.
/// </summary>
public static class DevelopmentDefaults
{
    public const string DatabasePassword = "fenghuo-dev";
}
