using System.Text.Json;
using Fenghuo.Contracts;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Jurisdictions.Tests;

/// <summary>plan.schema.json describes what ships and what the C# records write.</summary>
public sealed class PlanSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(PlanTemplates.Schema).RootElement;

    public static TheoryData<string> SeedFiles => [.. PlanResourceText.Names("Seeds")];

    public static TheoryData<string> TemplateFiles => [.. PlanResourceText.Names("Templates")];

    [Fact]
    public void Schema_is_draft_2020_12()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());
        Assert.Equal(5, SeedFiles.Count);
        Assert.Equal(3, TemplateFiles.Count);
    }

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void Seed_files_follow_the_schema(string name) =>
        AssertConforms(JsonDocument.Parse(PlanResourceText.Read(name)).RootElement);

    [Theory]
    [MemberData(nameof(TemplateFiles))]
    public void Template_plans_follow_the_schema(string name) =>
        AssertConforms(JsonDocument.Parse(PlanResourceText.Read(name)).RootElement.GetProperty("plan"));

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void The_records_write_what_the_schema_describes(string name)
    {
        var tenant = name["Seeds.".Length..^".json".Length];
        var written = JsonSerializer.SerializeToElement(Seeded.Plan(tenant), FenghuoJson.Options);

        AssertConforms(written);
    }

    [Fact]
    public void Schema_roles_are_the_realm_roles()
    {
        var roles = Schema.GetProperty("$defs").GetProperty("realmRole").GetProperty("enum").EnumerateArray().Select(r => r.GetString());

        Assert.Equal(Roles.All, roles);
    }

    [Fact]
    public void A_document_missing_a_section_does_not_conform()
    {
        var errors = new MiniJsonSchema(Schema).Validate(JsonDocument.Parse("""{"identity": null}""").RootElement);

        Assert.Contains("$: missing responseLevels", errors);
        Assert.Contains("$.identity: expected object", errors);
    }

    private static void AssertConforms(JsonElement document)
    {
        var errors = new MiniJsonSchema(Schema).Validate(document);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
