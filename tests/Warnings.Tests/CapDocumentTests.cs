using System.Xml.Linq;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Warnings.Domain.Cap;

namespace Fenghuo.Warnings.Tests;

/// <summary>
/// Every level of every seed scheme, as Alert, Update and Cancel, public or not, real or a drill:
/// each document is valid against the official CAP 1.2 schema and says what CAP consumers read.
/// </summary>
public sealed class CapDocumentTests
{
    private static readonly XNamespace Cap = CapDocument.Cap;

    public static TheoryData<string, string> SeedLevels()
    {
        var data = new TheoryData<string, string>();
        foreach (var tenant in new[] { "jincheng", "yangcheng", "jincheng_energy", "chengqu", "xinzhou_edz" })
        {
            foreach (var level in SeedRules.For(tenant).WarningScheme.Levels)
            {
                data.Add(tenant, level.Code);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SeedLevels))]
    public void Alert_update_and_cancel_of_every_seed_level_are_valid_CAP_1_2(string tenant, string level)
    {
        var warning = Warned.At(tenant, SeedRules.For(tenant), level);
        var issuer = new CapIssuer(tenant, "某辖区", "140500");

        foreach (var published in Histories())
        {
            var alert = CapDocument.Element(WarningCap.Latest(warning, issuer, published));
            Assert.Empty(CapSchema.Violations(alert));
        }
    }

    [Fact]
    public void A_lift_is_a_Cancel_referencing_every_earlier_message_of_the_warning()
    {
        var warning = Warned.At("jincheng", SeedRules.For("jincheng"), "III");
        var history = Histories()[^1];

        var alert = CapDocument.Element(WarningCap.Latest(warning, new CapIssuer("jincheng", "晋城市", "140500"), history));

        Assert.Equal("Cancel", alert.Element(Cap + "msgType")!.Value);
        Assert.Equal(history[^1].Identifier, alert.Element(Cap + "identifier")!.Value);
        var references = alert.Element(Cap + "references")!.Value.Split(' ');
        Assert.Equal(2, references.Length);
        Assert.Equal($"jincheng@fenghuo,{history[0].Identifier},{CapDocument.Time(history[0].Sent)}", references[0]);
        Assert.Equal("AllClear", alert.Descendants(Cap + "responseType").Single().Value);
    }

    [Fact]
    public void The_citys_level_III_says_Moderate_in_zh_CN_with_its_division_code()
    {
        var warning = Warned.At("jincheng", SeedRules.For("jincheng"), "III");

        var alert = CapDocument.Element(WarningCap.Latest(warning, new CapIssuer("jincheng", "晋城市", "140500"), Histories()[0]));

        var info = alert.Element(Cap + "info")!;
        Assert.Equal("Alert", alert.Element(Cap + "msgType")!.Value);
        Assert.Equal("Actual", alert.Element(Cap + "status")!.Value);
        Assert.Equal("Public", alert.Element(Cap + "scope")!.Value);
        Assert.Equal("zh-CN", info.Element(Cap + "language")!.Value);
        Assert.Equal("Moderate", info.Element(Cap + "severity")!.Value);
        Assert.Equal("晋城市", info.Element(Cap + "senderName")!.Value);
        var geocode = info.Element(Cap + "area")!.Element(Cap + "geocode")!;
        Assert.Equal(["GB/T 2260", "140500"], geocode.Elements().Select(e => e.Value));
        Assert.EndsWith("+08:00", alert.Element(Cap + "sent")!.Value);
    }

    [Fact]
    public void A_drill_is_an_Exercise_and_an_internal_warning_is_Restricted_with_its_restriction()
    {
        var warning = Warned.At("xinzhou_edz", SeedRules.For("xinzhou_edz"), "yellow", WarningPublicity.Internal, exercise: true);

        var alert = CapDocument.Element(WarningCap.Latest(warning, new CapIssuer("xinzhou_edz", "忻州经济开发区", null), Histories()[0]));

        Assert.Equal("Exercise", alert.Element(Cap + "status")!.Value);
        Assert.Equal("Restricted", alert.Element(Cap + "scope")!.Value);
        Assert.Contains("内部预警", alert.Element(Cap + "restriction")!.Value);
        Assert.Null(alert.Descendants(Cap + "geocode").SingleOrDefault());
        Assert.Empty(CapSchema.Violations(alert));
    }

    [Fact]
    public void The_feed_is_Atom_carrying_valid_CAP_alerts_inline()
    {
        var warning = Warned.At("chengqu", SeedRules.For("chengqu"), "situation_3", WarningPublicity.Confidential);
        var alert = WarningCap.Latest(warning, new CapIssuer("chengqu", "城区", "140502"), Histories()[1]);

        var feed = CapFeed.Build("urn:test:feed", "预警", Warned.Now, [(alert, "/api/warnings/x/cap")]).Root!;

        var entry = Assert.Single(feed.Elements(CapFeed.Atom + "entry"));
        var inline = entry.Element(CapFeed.Atom + "content")!.Element(Cap + "alert")!;
        Assert.Equal("Update", inline.Element(Cap + "msgType")!.Value);
        Assert.Empty(CapSchema.Violations(inline));
    }

    /// <summary>Alert; Alert then Update; Alert, Update then Cancel.</summary>
    private static List<IReadOnlyList<CapPublication>> Histories()
    {
        var alert = new CapPublication($"urn:uuid:{Guid.CreateVersion7()}", CapMessageType.Alert, Warned.Now);
        var update = new CapPublication($"urn:uuid:{Guid.CreateVersion7()}", CapMessageType.Update, Warned.Now.AddHours(1));
        var cancel = new CapPublication($"urn:uuid:{Guid.CreateVersion7()}", CapMessageType.Cancel, Warned.Now.AddHours(2));
        return [[alert], [alert, update], [alert, update, cancel]];
    }
}
