using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fenghuo.Contracts;

namespace Fenghuo.Incidents.Acts;

/// <summary>
/// A request sent with an Idempotency-Key: the key, and a hash of what it asked (the incident and the
/// body), so the same key sent again is a retry only when it asks the same.
/// </summary>
public sealed record IdempotentRequest(string Key, string Hash)
{
    public static IdempotentRequest Of(string key, Guid incidentId, object body) =>
        new(key, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{incidentId}\n{JsonSerializer.Serialize(body, FenghuoJson.Options)}"))));
}
