using System.Globalization;
using System.Xml.Linq;

namespace Fenghuo.Warnings.Domain.Cap;

/// <summary>An Atom (RFC 4287) feed whose entries carry CAP alerts inline, as CAP feeds publish them.</summary>
public static class CapFeed
{
    public const string MediaType = "application/atom+xml";

    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <param name="entries">Each alert with the address of its own CAP document.</param>
    public static XDocument Build(string feedId, string title, DateTimeOffset updated, IEnumerable<(CapAlert Alert, string Link)> entries) =>
        new(new XElement(Atom + "feed",
            new XElement(Atom + "id", feedId),
            new XElement(Atom + "title", title),
            new XElement(Atom + "updated", Time(updated)),
            new XElement(Atom + "author", new XElement(Atom + "name", "烽火预警发布")),
            entries.Select(e => new XElement(Atom + "entry",
                new XElement(Atom + "id", e.Alert.Identifier),
                new XElement(Atom + "title", e.Alert.Info.Headline),
                new XElement(Atom + "updated", Time(e.Alert.Sent)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", CapDocument.MediaType), new XAttribute("href", e.Link)),
                new XElement(Atom + "content", new XAttribute("type", CapDocument.MediaType), CapDocument.Element(e.Alert))))));

    /// <summary>RFC 3339 in UTC, as Atom's date constructs require.</summary>
    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
