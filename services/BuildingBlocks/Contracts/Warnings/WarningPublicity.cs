namespace Fenghuo.Contracts.Warnings;

/// <summary>公开程度: who may be told of a warning beyond the commands it reaches (CAP scope Public or Restricted).</summary>
public enum WarningPublicity
{
    /// <summary>公开: may be published to the public.</summary>
    Public,

    /// <summary>内部: the commands it reaches and their member units only.</summary>
    Internal,

    /// <summary>涉密: confidential; handled under the plan's secrecy requirements.</summary>
    Confidential,
}
