namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>The onboarding templates (county, bureau, development_zone) and the reference taxonomies beside them.</summary>
public static class PlanTemplates
{
    public const string County = "county";
    public const string Bureau = "bureau";
    public const string DevelopmentZone = "development_zone";

    private static readonly Lazy<IReadOnlyList<PlanTemplate>> Embedded = new(() =>
        [.. PlanResources.Names("Templates").Select(name => PlanResources.Read<PlanTemplate>("Templates." + name))]);

    private static readonly Lazy<string> SchemaText = new(() => PlanResources.ReadText("plan.schema.json"));

    public static IReadOnlyList<PlanTemplate> All => Embedded.Value;

    public static PlanTemplate? For(string id) => All.FirstOrDefault(t => t.Id == id);

    public static Taxonomies Taxonomies => Plans.Taxonomies.BuiltIn;

    /// <summary>The JSON Schema (draft 2020-12) every plan document follows, for editors and API docs.</summary>
    public static string Schema => SchemaText.Value;
}
