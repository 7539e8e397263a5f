using Fenghuo.Jurisdictions.Domain.Plans;

namespace Fenghuo.Jurisdictions.Tests;

/// <summary>The embedded plan files as raw JSON, so the schema is checked against what ships, not against a re-serialisation.</summary>
internal static class PlanResourceText
{
    private const string Prefix = "Fenghuo.Jurisdictions.Plans.";

    public static string Read(string name)
    {
        using var stream = typeof(SeedPlans).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IEnumerable<string> Names(string folder) =>
        typeof(SeedPlans).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix + folder + ".", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..]);
}
