namespace Fenghuo.Contracts.Plans;

/// <summary>预警颜色, as the national plan and most local plans use them.</summary>
public enum WarningColour
{
    Red,
    Orange,
    Yellow,
    Blue,
}
