using System.Net;

namespace Fenghuo.Portal.Gateway;

/// <summary>
/// One answer of a Fenghuo API as a page shows it: the value, or what went wrong in Chinese —
/// the API's own message for a refusal, its field messages for bad input, never an exception.
/// </summary>
public sealed record ApiAnswer<T>(HttpStatusCode Status, T? Value, string? Message, IReadOnlyDictionary<string, string> FieldErrors)
{
    public bool Ok => (int)Status is >= 200 and < 300 && Value is not null;

    /// <summary>404 from the gateway for a whole API, or 502/503: the service is not there (yet).</summary>
    public bool ServiceMissing => Status is HttpStatusCode.NotFound or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable;

    public string? FieldError(string field) => FieldErrors.GetValueOrDefault(field);
}
