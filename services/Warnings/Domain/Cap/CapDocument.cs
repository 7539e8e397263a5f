using Fenghuo.Contracts;
using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Fenghuo.Contracts.Warnings;

namespace Fenghuo.Warnings.Domain.Cap;

/// <summary>Writes CAP 1.2 (urn:oasis:names:tc:emergency:cap:1.2) in the element order the schema requires.</summary>
public static class CapDocument
{
    public const string MediaType = "application/cap+xml";

    public static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";

    /// <summary>The geocode valueName for administrative division codes.</summary>
    public const string DivisionCodeName = "GB/T 2260";

    public static XElement Element(CapAlert alert)
    {
        var info = alert.Info;
        return new XElement(Cap + "alert",
            new XElement(Cap + "identifier", alert.Identifier),
            new XElement(Cap + "sender", alert.Sender),
            new XElement(Cap + "sent", Time(alert.Sent)),
            new XElement(Cap + "status", alert.Exercise ? "Exercise" : "Actual"),
            new XElement(Cap + "msgType", alert.MessageType.ToString()),
            new XElement(Cap + "scope", alert.Publicity == WarningPublicity.Public ? "Public" : "Restricted"),
            alert.Publicity == WarningPublicity.Public ? null : new XElement(Cap + "restriction", alert.Restriction),
            alert.Exercise ? new XElement(Cap + "note", "演练（Exercise）：非真实预警") : null,
            alert.References.Count == 0
                ? null
                : new XElement(Cap + "references", string.Join(' ', alert.References.Select(r => $"{alert.Sender},{r.Identifier},{Time(r.Sent)}"))),
            new XElement(Cap + "incidents", alert.Incident),
            new XElement(Cap + "info",
                new XElement(Cap + "language", "zh-CN"),
                new XElement(Cap + "category", "Security"),
                new XElement(Cap + "event", info.Event),
                new XElement(Cap + "responseType", info.ResponseType),
                new XElement(Cap + "urgency", info.Urgency),
                new XElement(Cap + "severity", info.Severity.ToString()),
                new XElement(Cap + "certainty", info.Certainty),
                Pair("eventCode", info.EventCode),
                new XElement(Cap + "effective", Time(info.Effective)),
                new XElement(Cap + "expires", Time(info.Expires)),
                new XElement(Cap + "senderName", info.SenderName),
                new XElement(Cap + "headline", info.Headline),
                new XElement(Cap + "description", info.Description),
                new XElement(Cap + "instruction", info.Instruction),
                info.Parameters.Select(p => Pair("parameter", p)),
                new XElement(Cap + "area",
                    new XElement(Cap + "areaDesc", info.AreaDesc),
                    info.Geocode is { } code ? Pair("geocode", (DivisionCodeName, code)) : null)));
    }

    public static string Write(CapAlert alert) => Write(new XDocument(Element(alert)));

    public static string Write(XDocument document)
    {
        var text = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            document.Save(writer);
        }
        return text.ToString();
    }

    /// <summary>CAP's dateTime: seconds and an explicit offset, never "Z" or fractions; shown in China Standard Time.</summary>
    public static string Time(DateTimeOffset at) =>
        at.ShanghaiTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static XElement Pair(string name, (string Name, string Value) pair) =>
        new(Cap + name, new XElement(Cap + "valueName", pair.Name), new XElement(Cap + "value", pair.Value));

    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
