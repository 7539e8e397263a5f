namespace Fenghuo.AppHost.Resources;

/// <summary>
/// A service's own database. The application connects as <c>&lt;service&gt;_app</c>, which owns nothing,
/// so row-level security applies to it; migrations connect as <c>&lt;service&gt;_owner</c>.
/// </summary>
public sealed record ServiceDatabase(string Name, string AppConnectionString, string MigrationsConnectionString);
