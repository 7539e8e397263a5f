namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>指挥部 / 领导小组: the body that commands the response, and who set it up.</summary>
public sealed record CommandBody(string Name, string ShortName, string EstablishedBy, IReadOnlyList<string> Duties, string Source);
