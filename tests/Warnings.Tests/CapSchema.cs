using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Fenghuo.Warnings.Tests;

/// <summary>Validates XML against the official OASIS CAP 1.2 schema (a resource of this project).</summary>
internal static class CapSchema
{
    private static readonly XmlSchemaSet Schemas = Load();

    /// <summary>Every schema violation in the document; empty when it is a valid CAP 1.2 alert.</summary>
    public static IReadOnlyList<string> Violations(XElement alert)
    {
        var errors = new List<string>();
        new XDocument(new XElement(alert)).Validate(Schemas, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        return errors;
    }

    private static XmlSchemaSet Load()
    {
        using var stream = typeof(CapSchema).Assembly.GetManifestResourceStream("CAP-v1.2.xsd")!;
        var set = new XmlSchemaSet();
        set.Add(XmlSchema.Read(XmlReader.Create(stream), (_, e) => throw e.Exception)!);
        set.Compile();
        return set;
    }
}
