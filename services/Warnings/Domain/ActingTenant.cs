namespace Fenghuo.Warnings.Domain;

/// <summary>Which tenant may do an act on a warning.</summary>
public enum ActingTenant
{
    /// <summary>Only the issuing tenant (谁发布谁解除): not its parent, not the tenants it reaches.</summary>
    Issuer,

    /// <summary>A tenant of the issuer's subtree the warning reached.</summary>
    Receiver,
}
