using System.Reflection;
using System.Text.Json;
using Fenghuo.Contracts;

namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>
/// Reads the plan data embedded from services/Jurisdictions/Plans. Resource names follow the
/// folder layout: Plans/Seeds/yangcheng.json is "Seeds.yangcheng.json" here.
/// </summary>
internal static class PlanResources
{
    private const string Prefix = "Fenghuo.Jurisdictions.Plans.";
    private static readonly Assembly Assembly = typeof(PlanResources).Assembly;

    public static T Read<T>(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"Embedded plan resource {name} is missing.");
        return JsonSerializer.Deserialize<T>(stream, FenghuoJson.Options)
            ?? throw new InvalidOperationException($"Embedded plan resource {name} is empty.");
    }

    public static string ReadText(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"Embedded plan resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The file names (without folder) of the JSON resources in one folder.</summary>
    public static IEnumerable<string> Names(string folder) =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix + folder + ".", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[(Prefix.Length + folder.Length + 1)..])
            .Order(StringComparer.Ordinal);
}
