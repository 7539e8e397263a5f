namespace Fenghuo.ServiceDefaults.Http;

/// <summary>One rejected field, said in Chinese for the user and in English beside it.</summary>
public sealed record FieldError(string Field, string Code, string MessageZh, string MessageEn)
{
    public string Combined => $"{MessageZh} ({MessageEn})";
}
