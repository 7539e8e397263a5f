using Fenghuo.Contracts.Warnings;

namespace Fenghuo.Warnings.Domain.Cap;

/// <summary>CAP msgType: the first message of a warning, a change of level, or its lift.</summary>
public enum CapMessageType
{
    Alert,
    Update,
    Cancel,
}

/// <summary>A CAP message a warning already published, as later messages reference it ("sender,identifier,sent").</summary>
public sealed record CapPublication(string Identifier, CapMessageType MessageType, DateTimeOffset Sent);

/// <summary>One CAP 1.2 alert message with a single zh-CN info block, before it is written as XML.</summary>
public sealed record CapAlert(
    string Identifier,
    string Sender,
    DateTimeOffset Sent,
    bool Exercise,
    CapMessageType MessageType,
    WarningPublicity Publicity,
    string? Restriction,
    IReadOnlyList<CapPublication> References,
    string Incident,
    CapInfo Info);

/// <param name="EventCode">The taxonomy standard and the category code the warning is filed under.</param>
/// <param name="Geocode">GB/T 2260 division code of the issuing jurisdiction, where it has one.</param>
public sealed record CapInfo(
    string Event,
    string ResponseType,
    string Urgency,
    CapSeverity Severity,
    string Certainty,
    (string Name, string Value) EventCode,
    DateTimeOffset Effective,
    DateTimeOffset Expires,
    string SenderName,
    string Headline,
    string Description,
    string Instruction,
    IReadOnlyList<(string Name, string Value)> Parameters,
    string AreaDesc,
    string? Geocode);
