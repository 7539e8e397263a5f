namespace Fenghuo.Contracts.Warnings;

/// <summary>Something that happened to one warning: the header names the issuing tenant, the warning and its number.</summary>
public abstract record WarningEvent : IntegrationEvent
{
    public Guid WarningId { get; init; }

    public string Number { get; init; } = "";
}
