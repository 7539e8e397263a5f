namespace Fenghuo.Contracts.Tenancy;

public enum JurisdictionStatus
{
    Active,
    Suspended,
}
