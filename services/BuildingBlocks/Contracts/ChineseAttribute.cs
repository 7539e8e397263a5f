namespace Fenghuo.Contracts;

/// <summary>How an enum value is said to users, next to the value itself; read with <see cref="EnumLabel.Chinese{TEnum}"/>.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ChineseAttribute(string label) : Attribute
{
    public string Label { get; } = label;
}
